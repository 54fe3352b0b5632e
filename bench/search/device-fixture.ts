// Many chats of realistic size for the device search benchmark: `threads` chats of
// `perThread` messages (a question of 10–40 words, a reply of 60–260 with some markdown),
// words drawn Zipf-like from a few hundred common English words and some 20,000 made-up
// ones, so the index meets a vocabulary as large as a heavy user's. Stored for a fresh
// account through /api/sync, as another device would have left them. Deterministic.
import * as Y from 'yjs';
import { createThread } from '../../shared/docs/index-doc';
import { indexDocName, threadDocName } from '../../shared/docs/names';
import { addMessage } from '../../shared/docs/thread-doc';
import type { ApiClient } from '../../tests/support/api-client';
import { random } from './corpus';

const COMMON = `the of and to a in is it you that he was for on are with as I his they be at one have this
from or had by hot word but what some we can out other were all there when up use your how said an each
she which do their time if will way about many then them write would like so these her long make thing see
him two has look more day could go come did number sound no most people my over know water than call first
who may down side been now find any new work part take get place made live where after back little only
round man year came show every good me give our under name very through just form sentence great think say
help low line differ turn cause much mean before move right boy old too same tell does set three want air
well also play small end put home read hand port large spell add even land here must big high such follow
act why ask men change went light kind off need house picture try us again animal point mother world near
build self earth father head stand own page should country found answer school grow study still learn plant
cover food sun four between state keep eye never last let thought city tree cross farm hard start might story
saw far sea draw left late run while press close night real life few north open seem together next white
children begin got walk example ease paper group always music those both mark often letter until mile river
car feet care second book carry took science eat room friend began idea fish mountain stop once base hear
horse cut sure watch color face wood main enough plain girl usual young ready above ever red list though feel
talk bird soon body dog family direct pose leave song measure door product black short numeral class wind
question happen complete ship area half rock order fire south problem piece told knew pass since top whole
king space heard best hour better true during hundred five remember step early hold west ground interest
reach fast verb sing listen six table travel less morning ten simple several vowel toward war lay against
pattern slow center love person money serve appear road map rain rule govern pull cold notice voice unit
power town fine certain fly fall lead cry dark machine note wait plan figure star box noun field rest correct
able pound done beauty drive stood contain front teach week final gave green oh quick develop ocean warm free
minute strong special mind behind clear tail produce fact street inch multiply nothing course stay wheel full
force blue object decide surface deep moon island foot system busy test record boat common gold possible
plane stead dry wonder laugh thousand ago ran check game shape equate miss brought heat snow tire bring yes
distant fill east paint language among grand ball yet wave drop heart am present heavy dance engine position
arm wide sail material size vary settle speak weight general ice matter circle pair include divide syllable
felt perhaps pick sudden count square reason length represent art subject region energy hunt probable bed
brother egg ride cell believe fraction forest sit race window store summer train sleep prove lone leg exercise
wall catch mount wish sky board joy winter sat written wild instrument kept glass grass cow job edge sign
visit past soft fun bright gas weather month million bear finish happy hope flower clothe strange gone jump
baby eight village meet root buy raise solve metal whether push seven paragraph third shall held hair describe
cook floor either result burn hill safe cat century consider type law bit coast copy phrase silent tall sand
soil roll temperature finger industry value fight lie beat excite natural view sense ear else quite broke case
middle kill son lake moment scale loud spring observe child straight consonant nation dictionary milk speed
method organ pay age section dress cloud surprise quiet stone tiny climb cool design poor lot experiment bottom
key iron single stick flat twenty skin smile crease hole trade melody trip office receive row mouth exact
symbol die least trouble shout except wrote seed tone join suggest clean break lady yard rise bad blow oil
blood touch grew cent mix team wire cost lost brown wear garden equal sent choose fell fit flow fair bank
collect save control decimal gentle woman captain practice separate difficult doctor please protect noon
whose locate ring character insect caught period indicate radio spoke atom human history effect electric
expect crop modern element hit student corner party supply bone rail imagine provide agree thus capital
chair danger fruit rich thick soldier process operate guess necessary sharp wing create neighbor wash bat
rather crowd corn compare poem string bell depend meat rub tube famous dollar stream fear sight thin triangle
planet hurry chief colony clock mine tie enter major fresh search send yellow gun allow print dead spot desert
suit current lift rose continue block chart hat sell success company subtract event particular deal swim term
opposite wife shoe shoulder spread arrange camp invent cotton born determine quart nine truck noise level
chance gather shop stretch throw shine property column molecule select wrong gray repeat require broad
prepare salt nose plural anger claim continent oxygen sugar death pretty skill women season solution magnet
silver thank branch match suffix especially fig afraid huge sister steel discuss forward similar guide
experience score apple bought led pitch coat mass card band rope slip win dream evening condition feed tool
total basic smell valley nor double seat arrive master track parent shore division sheet substance favor
connect post spend chord fat glad original share station dad bread charge proper bar offer segment slave
duck instant market degree populate chick dear enemy reply drink occur support speech nature range steam
motion path liquid log meant quotient teeth shell neck`.split(/\s+/);

const SYLLABLES = 'ka ri to mo ne su la vi do pe zu ra ki no me sa lu te fi go ba ze ro mi'.split(' ');

/** About 20,000 made-up words of two to four syllables. */
function madeUpWords(next: () => number): string[] {
  const words = new Set<string>();
  while (words.size < 20_000) {
    const length = 2 + Math.floor(next() * 3);
    let word = '';
    for (let i = 0; i < length; i++) word += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
    words.add(word);
  }
  return [...words];
}

/** An index drawn Zipf-like over `n` (small ones far more often). */
const zipf = (next: () => number, n: number) => Math.min(n - 1, Math.floor(n ** next()) - 1);

export interface Corpus {
  /** Words the bench types: common ones and made-up ones that occur. */
  queries: string[];
}

/** Stores `threads` chats of `perThread` messages; returns words worth searching for. */
export async function storeSearchCorpus(
  api: ApiClient,
  userId: string,
  threads: number,
  perThread: number,
): Promise<Corpus> {
  const next = random(42);
  const rare = madeUpWords(next);
  const word = () => (next() < 0.55 ? COMMON[zipf(next, COMMON.length)]! : rare[zipf(next, rare.length)]!);
  const sentence = (words: number) => {
    const out = Array.from({ length: words }, word);
    out[0] = out[0]!.charAt(0).toUpperCase() + out[0]!.slice(1);
    return `${out.join(' ')}.`;
  };
  const text = (min: number, max: number, markdown: boolean) => {
    let remaining = min + Math.floor(next() * (max - min));
    const parts: string[] = [];
    while (remaining > 0) {
      const words = Math.min(remaining, 8 + Math.floor(next() * 14));
      remaining -= words;
      const line = sentence(words);
      parts.push(markdown && next() < 0.15 ? `- **${word()}** ${line}` : line);
    }
    if (markdown && next() < 0.2) parts.push(`\`\`\`ts\nconst ${word()} = ${word()}(${word()});\n\`\`\``);
    return parts.join(markdown ? '\n\n' : ' ');
  };

  const index = new Y.Doc();
  const docs: { name: string; doc: Y.Doc }[] = [];
  const start = Date.now() - threads * perThread * 60_000;
  for (let t = 0; t < threads; t++) {
    const at = start + t * perThread * 60_000;
    const threadId = createThread(index, { now: at, title: sentence(3 + Math.floor(next() * 4)).slice(0, -1) });
    const doc = new Y.Doc();
    let parentId: string | null = null;
    for (let m = 0; m < perThread; m++) {
      const user = m % 2 === 0;
      parentId = addMessage(doc, {
        role: user ? 'user' : 'assistant',
        parentId,
        now: at + m * 60_000,
        text: user ? text(10, 40, false) : text(60, 260, true),
        ...(user ? {} : { model: 'openai/gpt-4.1-mini' }),
      });
    }
    docs.push({ name: threadDocName(userId, threadId), doc });
  }
  docs.unshift({ name: indexDocName(userId), doc: index });
  for (let at = 0; at < docs.length; at += 100) {
    const updates = docs.slice(at, at + 100).map(({ name, doc }) => ({
      name,
      update: Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64'),
    }));
    const answer = await api.post('/api/sync', { docs: [], updates });
    if (answer.status !== 200) throw new Error(`storing the search corpus failed: ${answer.status}`);
  }
  const queries = [
    ...['water', 'mountain', 'experiment', 'language', 'beautiful'],
    ...Array.from({ length: 5 }, () => rare[Math.floor(next() * 300)]!),
  ];
  return { queries };
}
