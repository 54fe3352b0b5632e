// The unload journal: one entry per writer, so none forgets another's; a restored entry is
// dropped only if unchanged; a damaged entry is dropped.
import { afterEach, beforeEach, expect, test } from 'vitest';
import * as Y from 'yjs';
import { discard, drop, forget, forgetAll, journal, journaled } from './unload-journal';

class MemoryStorage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  key = (i: number) => [...this.items.keys()][i] ?? null;
  getItem = (k: string) => this.items.get(k) ?? null;
  setItem = (k: string, v: string) => void this.items.set(k, v);
  removeItem = (k: string) => void this.items.delete(k);
}

beforeEach(() => {
  (globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage();
});
afterEach(() => {
  delete (globalThis as { localStorage?: unknown }).localStorage;
});

function typed(doc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getText('draft').insert(doc.getText('draft').length, text);
  return Y.encodeStateAsUpdate(doc, before);
}

const restored = (doc: string) => {
  const copy = new Y.Doc();
  for (const entry of journaled(doc)) Y.applyUpdate(copy, entry.update);
  return copy.getText('draft').toString();
};

test('each writer has its own entry: one forgetting its own keeps the others', () => {
  const doc = new Y.Doc();
  expect(journal('t1', 'tab-a', typed(doc, 'Pack '), true)).toBe(true);
  expect(journal('t1', 'tab-b', typed(doc, 'the map'), false)).toBe(true);
  expect(restored('t1')).toBe('Pack the map');
  forget('t1', 'tab-a');
  expect(journaled('t1').map((e) => e.unsent)).toEqual([false]);
  expect(journaled().map((e) => e.doc)).toEqual(['t1']);
});

test('a restored entry is dropped only if its writer did not replace it since', () => {
  const doc = new Y.Doc();
  journal('t1', 'tab-a', typed(doc, 'a'), true);
  const [read] = journaled('t1');
  typed(doc, 'b');
  journal('t1', 'tab-a', Y.encodeStateAsUpdate(doc), true);
  drop(read!);
  expect(journaled('t1')).toHaveLength(1);
  drop(journaled('t1')[0]!);
  expect(journaled('t1')).toEqual([]);
});

test('damaged entries are dropped; discard and forgetAll clear', () => {
  localStorage.setItem('hearth-unstored:w:bad', '{not json');
  expect(journaled()).toEqual([]);
  expect(localStorage.length).toBe(0);
  const doc = new Y.Doc();
  journal('t1', 'w1', typed(doc, 'x'), true);
  journal('t1', 'w2', typed(doc, 'y'), true);
  journal('t2', 'w1', typed(doc, 'z'), true);
  discard('t1');
  expect(journaled().map((e) => e.doc)).toEqual(['t2']);
  forgetAll();
  expect(journaled()).toEqual([]);
});
