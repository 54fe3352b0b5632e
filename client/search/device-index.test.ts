// What search on the device finds: words in any order, whatever their case and accents, as
// prefixes and with small typos; quoted phrases as written; Chinese, Japanese, Russian and
// Arabic text; chats by their titles. And it follows changes: replaced, removed, stored.
import { describe, expect, it } from 'vitest';
import { DeviceIndex } from './device-index';
import { collectHits, type HitRow } from './hits';
import { IndexBuilder } from './index-builder';
import { parseQuery } from './query';

const THREAD = 'a'.repeat(32);
const OTHER = 'b'.repeat(32);

const MESSAGES: Record<string, string> = {
  m1: 'We should synchronise the calendars before the trip to Zürich.',
  m2: 'The café on the corner serves crème brûlée on Fridays.',
  m3: 'Quick brown foxes jump over lazy dogs.',
  m4: 'Lazy dogs never jump; quick brown cats do.',
  m5: '我们明天去北京大学参观图书馆。',
  m6: '東京都の天気は晴れです。カタカナもＯＫ。',
  m7: 'Привет! Давайте обсудим синхронизацию данных завтра.',
  m8: 'مرحبا، هل يمكنك مساعدتي في كتابة الرسالة؟',
  m9: 'Flexible réunion: l’équipe se réunit à l’hôtel.',
  m10: 'كل سنة وأنت طيب على الدوام',
};

const texts = new Map(Object.entries(MESSAGES));
const titles = new Map<string, string>();

function build(): DeviceIndex {
  const index = DeviceIndex.empty();
  for (const [id, text] of texts) index.setMessage(id, THREAD, text);
  setTitle(index, OTHER, 'Trip planning for Lisbon');
  return index;
}

/** The same, built at once (as the worker builds it the first time). */
function buildAtOnce(): DeviceIndex {
  const builder = new IndexBuilder();
  for (const [id, text] of texts) builder.addMessage(id, THREAD, text);
  titles.set(OTHER, 'Trip planning for Lisbon');
  builder.addTitle(OTHER, 'Trip planning for Lisbon');
  return DeviceIndex.fromJSON(builder.toJSON());
}

function setTitle(index: DeviceIndex, threadId: string, title: string): void {
  titles.set(threadId, title);
  index.setTitle(threadId, title);
}

const sources = {
  readRows: async (ids: string[]) =>
    ids.map((id): HitRow | undefined => {
      const text = texts.get(id);
      return text === undefined ? undefined : { id, threadId: THREAD, role: 'user', text, createdAt: 1 };
    }),
  titleOf: (threadId: string) => titles.get(threadId),
};

/** What the worker answers: the index's candidates, read back and checked for phrases. */
async function ids(index: DeviceIndex, input: string, keep: (t: string) => boolean = () => true) {
  const query = parseQuery(input);
  const hits = await collectHits(index.search(query, keep), query, sources, 100);
  return [...hits.messages.map((h) => h.messageId), ...hits.titles.map((h) => `title:${h.threadId}`)].sort();
}

describe.each([
  ['fed one by one', build],
  ['built at once', buildAtOnce],
])('device search matching, %s', (_, make) => {
  const index = make();

  it('ignores case and accents, both ways', async () => {
    expect(await ids(index, 'ZURICH')).toEqual(['m1']);
    expect(await ids(index, 'creme brulee')).toEqual(['m2']);
    expect(await ids(index, 'Café')).toEqual(['m2']);
    expect(await ids(index, 'hotel equipe')).toEqual(['m9']);
  });

  it('finds words by their beginning: four letters in messages, two in titles', async () => {
    expect(await ids(index, 'synchron')).toEqual(['m1']);
    expect(await ids(index, 'cale')).toEqual(['m1']);
    expect(await ids(index, 'cal')).toEqual([]); // a whole word: a short beginning would match too much
    expect(await ids(index, 'li')).toEqual([`title:${OTHER}`]);
  });

  it('forgives small typos in longer words, not in short ones', async () => {
    expect(await ids(index, 'synchronize')).toEqual(['m1']); // z for s
    expect(await ids(index, 'calnedars')).toEqual(['m1']); // two letters swapped
    expect(await ids(index, 'cafe')).toEqual(['m2']);
    expect(await ids(index, 'dogs')).toEqual(['m3', 'm4']);
    expect(await ids(index, 'cab')).toEqual([]); // no typo forgiven in three letters (not "cat")
    for (const [id, text] of [
      ['n1', 'Order 4242 shipped'],
      ['n2', 'Order 4243 shipped'],
    ] as const) {
      texts.set(id, text);
      index.setMessage(id, THREAD, text);
    }
    expect(await ids(index, 'order 4242')).toEqual(['n1']); // nor in numbers
  });

  it('takes words in any order, and needs them all but the commonest (not indexed)', async () => {
    expect(await ids(index, 'dogs lazy quick')).toEqual(['m3', 'm4']);
    expect(await ids(index, 'over the lazy dogs')).toEqual(['m3', 'm4']);
    expect(await ids(index, 'dogs calendars')).toEqual([]);
  });

  it('keeps a quoted phrase together and in order; an unbalanced quote runs to the end', async () => {
    expect(await ids(index, '"quick brown"')).toEqual(['m3', 'm4']);
    expect(await ids(index, '"lazy dogs never"')).toEqual(['m4']);
    expect(await ids(index, '"dogs lazy"')).toEqual([]);
    expect(await ids(index, '"brown cats')).toEqual(['m4']);
    expect(await ids(index, '"quick brwn"')).toEqual([]); // no typos inside quotes
  });

  it('finds Chinese and Japanese runs anywhere in the text, and not across a gap', async () => {
    expect(await ids(index, '北京')).toEqual(['m5']);
    expect(await ids(index, '北京大学')).toEqual(['m5']);
    expect(await ids(index, '图书馆')).toEqual(['m5']);
    expect(await ids(index, '馆')).toEqual(['m5']); // one character, at the end of a run
    expect(await ids(index, '京都')).toEqual(['m6']);
    expect(await ids(index, '天気')).toEqual(['m6']);
    expect(await ids(index, 'かたかな')).toEqual([]);
    expect(await ids(index, 'カタカナ')).toEqual(['m6']);
    expect(await ids(index, 'ok')).toEqual(['m6']); // full-width letters folded
    expect(await ids(index, '北京图书')).toEqual([]); // both pairs are there, but not together
  });

  it('finds Russian and Arabic words, with their endings and without their marks', async () => {
    expect(await ids(index, 'синхронизац')).toEqual(['m7']);
    expect(await ids(index, 'ПРИВЕТ')).toEqual(['m7']);
    expect(await ids(index, 'الرسالة')).toEqual(['m8']);
    expect(await ids(index, 'الرسالَة')).toEqual(['m8']); // with a short vowel written
    expect(await ids(index, 'الرساله')).toEqual(['m8']); // ta marbuta written as ha
    expect(await ids(index, 'مساعدتي')).toEqual(['m8']);
    // Short words, where no typo is forgiven: ta marbuta and alef maqsura written either way.
    expect(await ids(index, 'سنه')).toEqual(['m10']);
    expect(await ids(index, 'علي')).toEqual(['m10']);
  });

  it('finds chats by title, and leaves out the chats it is told to', async () => {
    expect(await ids(index, 'lisbon')).toEqual([`title:${OTHER}`]);
    expect(await ids(index, 'trip')).toEqual(['m1', `title:${OTHER}`]);
    expect(await ids(index, 'trip', (thread) => thread !== OTHER)).toEqual(['m1']);
  });

  it('finds nothing for an empty query or punctuation alone', async () => {
    expect(await ids(index, '')).toEqual([]);
    expect(await ids(index, ' "*:-" ')).toEqual([]);
  });
});

describe('device index changes', () => {
  it('replaces a message whose text changed (a streaming reply) and forgets a removed one', async () => {
    const index = build();
    index.setMessage('m1', THREAD, 'Streaming: the first words');
    expect(await ids(index, 'synchronise')).toEqual([]);
    index.setMessage('m1', THREAD, 'Streaming: the first words and then penguins');
    expect(await ids(index, 'penguins')).toEqual(['m1']);
    index.removeMessage('m1');
    expect(await ids(index, 'penguins')).toEqual([]);
    setTitle(index, OTHER, 'Renamed to Porto');
    expect(await ids(index, 'lisbon')).toEqual([]);
    expect(await ids(index, 'porto')).toEqual([`title:${OTHER}`]);
  });

  it('built at once, is what it is fed one by one, and follows changes the same', async () => {
    const plain = (index: DeviceIndex) => {
      const js = JSON.parse(index.toJSON());
      js.index.sort((a: [string], b: [string]) => a[0].localeCompare(b[0]));
      return js;
    };
    const fed = DeviceIndex.empty();
    const builder = new IndexBuilder();
    const docs: [string, string][] = [...texts, ['empty', '  '], ['quoted', 'She said "hi" \\ twice']];
    fed.setTitle(OTHER, 'A "title" with Trip');
    builder.addTitle(OTHER, 'A "title" with Trip');
    for (const [id, text] of docs) {
      fed.setMessage(id, THREAD, text);
      builder.addMessage(id, THREAD, text);
    }
    fed.setTitle(THREAD, 'Second title, after messages');
    builder.addTitle(THREAD, 'Second title, after messages');
    const built = DeviceIndex.fromJSON(builder.toJSON());
    expect(plain(built)).toEqual(plain(fed));
    for (const index of [fed, built]) {
      index.setMessage('m1', THREAD, 'now about penguins');
      index.removeMessage('m3');
    }
    expect(plain(built)).toEqual(plain(fed));
    expect(await ids(built, 'penguins')).toEqual(['m1']);
    expect(await ids(built, 'synchronise')).toEqual([]);
    expect(await ids(built, 'quick')).toEqual(['m4']);
  });

  it('comes back whole from what it stored', async () => {
    const index = build();
    index.removeMessage('m2');
    const again = DeviceIndex.fromJSON(index.toJSON());
    expect(again.size).toBe(index.size);
    expect(await ids(again, 'synchron')).toEqual(['m1']);
    expect(await ids(again, 'creme')).toEqual([]);
    expect(await ids(again, '图书馆')).toEqual(['m5']);
  });
});
