import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../log/logger';
import { IndexStore } from './index-store';
import { openSearchDb, type SearchDb } from './search-db';
import { TextSearch } from './text-search';
import { VectorStore } from './vector-store';

const ALICE = 'a'.repeat(32);
const BOB = 'b'.repeat(32);
const silent = createLogger({ write: () => {} });

let dir: string;
let db: SearchDb;
let index: IndexStore;
let text: TextSearch;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'hearth-search-'));
  db = openSearchDb(dir, silent);
  index = new IndexStore(db, new VectorStore(db));
  text = new TextSearch(db);
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function put(userId: string, threadId: string, messages: Record<string, string>): void {
  index.writeThread(
    { name: `${userId}/thread/${threadId}`, userId, threadId },
    Object.entries(messages).map(([id, body], i) => ({ id, role: 'user', createdAt: i, text: body, final: true })),
    { complete: true, updatedAt: 1 },
  );
}

const ids = (userId: string, query: string) => text.find(userId, query, 20).map((hit) => hit.messageId);
const marked = (userId: string, query: string) =>
  text.find(userId, query, 20).map((hit) => hit.marks.map(([start, end]) => hit.snippet.slice(start, end)));

describe('full-text matching', () => {
  beforeEach(() => {
    put(ALICE, 't'.repeat(32), {
      cafe: 'We met at the Café Müller to synchronise our calendars.',
      fox: 'The quick brown fox jumps over the lazy dog.',
      phrase: 'A quick fox is rarer than you think.',
      tokyo: '私は東京に住んでいます。東京タワーが好きです。',
      seoul: '서울에서 만나요',
      russian: 'Синхронизация данных между устройствами',
      arabic: 'كَتَبَ الوَلَدُ الدَّرْسَ',
      hindi: 'नमस्ते दुनिया',
    });
  });

  it('ignores case and accents, both ways', () => {
    expect(ids(ALICE, 'CAFE MULLER')).toEqual(['cafe']);
    expect(ids(ALICE, 'café')).toEqual(['cafe']);
  });

  it('finds words by their beginning, in any order', () => {
    expect(ids(ALICE, 'synchron')).toEqual(['cafe']);
    expect(ids(ALICE, 'calendars synchronise')).toEqual(['cafe']);
    expect(ids(ALICE, 'dog quick')).toEqual(['fox']);
  });

  it('puts whole-word matches before matches of a word’s beginning', () => {
    put(ALICE, 'v'.repeat(32), { catalog: 'the catalog of items', cat: 'a cat sat here' });
    expect(ids(ALICE, 'cat')).toEqual(['cat', 'catalog']);
    expect(text.find(ALICE, 'cat', 1).map((hit) => hit.messageId)).toEqual(['cat']);
  });

  it('ranks matches of a word’s beginning by how well they match, not by age', () => {
    put(ALICE, 'w'.repeat(32), {
      strong: 'lanterns lanterns lanterns',
      weak: 'one lantern among many other words that say little about anything else at all today',
    });
    expect(ids(ALICE, 'lanter')).toEqual(['strong', 'weak']);
    const [best] = text.find(ALICE, 'lanter', 1);
    expect(best!.marks.map(([start, end]) => best!.snippet.slice(start, end))).toContain('lanterns');
  });

  it('keeps a quoted phrase together', () => {
    expect(ids(ALICE, '"quick fox"')).toEqual(['phrase']);
    expect(ids(ALICE, 'quick fox').sort()).toEqual(['fox', 'phrase']);
  });

  it('finds Chinese and Japanese inside a sentence written without spaces', () => {
    expect(ids(ALICE, '東京')).toEqual(['tokyo']);
    expect(ids(ALICE, 'タワー')).toEqual(['tokyo']);
    expect(ids(ALICE, '京に住')).toEqual(['tokyo']);
    expect(ids(ALICE, '大阪')).toEqual([]);
    expect(ids(ALICE, '서울')).toEqual(['seoul']);
  });

  it('finds Russian, Arabic without its vowel marks, and Hindi', () => {
    expect(ids(ALICE, 'синхронизац')).toEqual(['russian']);
    expect(ids(ALICE, 'كتب')).toEqual(['arabic']);
    expect(ids(ALICE, 'नमस्ते')).toEqual(['hindi']);
  });

  it('marks the matched words in a plain-text snippet', () => {
    expect(marked(ALICE, 'cafe synchron')).toEqual([['Café', 'synchronise']]);
    expect(marked(ALICE, '東京')).toEqual([['東京', '東京']]);
    const [hit] = text.find(ALICE, '東京', 1);
    expect([...(hit?.snippet ?? '')].filter((ch) => ch < ' ' || ch === '\u200b')).toEqual([]);
  });

  it('never fails on FTS5 syntax, unbalanced quotes or long input', () => {
    const nasty = [
      '"',
      '"""',
      'quick"',
      '"quick fox',
      'quick*',
      '*',
      'NEAR(quick fox)',
      'quick NEAR fox',
      'quick AND OR NOT fox',
      '-quick',
      'text:quick',
      'owner:uxyz',
      '{owner text}: quick',
      '^quick',
      '(quick',
      'quick)',
      ':',
      '+',
      '\u0000\u0001\u0002',
      '\u200b',
      'x'.repeat(1000),
      '"a" '.repeat(250),
      'quick '.repeat(200),
    ];
    for (const query of nasty) expect(() => text.find(ALICE, query, 20), query).not.toThrow();
    // An unclosed quote is a character like any other: the words are still looked for.
    expect(ids(ALICE, '"quick fox').sort()).toEqual(['fox', 'phrase']);
    expect(ids(ALICE, 'owner:uxyz')).toEqual([]);
  });

  it('finds nothing for a query without words', () => {
    expect(ids(ALICE, '')).toEqual([]);
    expect(ids(ALICE, '  ?!… ')).toEqual([]);
  });
});

describe('one user, one index', () => {
  it("never answers with another user's messages, even for words they share", () => {
    put(ALICE, 't'.repeat(32), { mine: 'the secret recipe for apple pie' });
    put(BOB, 'u'.repeat(32), { theirs: 'the secret recipe for apple pie' });
    expect(ids(ALICE, 'apple pie')).toEqual(['mine']);
    expect(ids(BOB, 'apple pie')).toEqual(['theirs']);
    // A query naming the other user's owner token is only words.
    expect(ids(ALICE, `u${BOB} apple`)).toEqual([]);
  });

  it('rewrites a changed message, skips an unchanged one, and removes a thread', () => {
    const key = { name: `${ALICE}/thread/${'t'.repeat(32)}`, userId: ALICE, threadId: 't'.repeat(32) };
    const message = { id: 'm', role: 'assistant' as const, createdAt: 1, text: 'first words', final: false };
    expect(index.writeThread(key, [message], { complete: true, updatedAt: 1 })).toBe(1);
    expect(index.writeThread(key, [message], { complete: true, updatedAt: 2 })).toBe(0);
    expect(index.writeThread(key, [{ ...message, text: 'second words' }], { complete: false, updatedAt: 3 })).toBe(1);
    expect(ids(ALICE, 'first')).toEqual([]);
    expect(ids(ALICE, 'second')).toEqual(['m']);
    expect(index.docUpdatedAt(key.name)).toBe(3);
    expect(index.removeDoc(key.name)).toBe(1);
    expect(ids(ALICE, 'second')).toEqual([]);
    expect(index.countMessages(ALICE)).toBe(0);
  });
});
