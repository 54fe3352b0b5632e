// The unload journal: an entry keeps every update written to it, merged; a completed write
// forgets only the entry it stood in for; a damaged entry is dropped.
import { afterEach, beforeEach, expect, test } from 'vitest';
import * as Y from 'yjs';
import { discard, forget, forgetAll, journal, journaled, journaledDocs } from './unload-journal';

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

const restored = (name: string) => {
  const doc = new Y.Doc();
  const entry = journaled(name);
  if (entry) Y.applyUpdate(doc, entry.update);
  return doc.getText('draft').toString();
};

test('entries merge what was journaled before with what is journaled now', () => {
  const doc = new Y.Doc();
  journal('t1', [typed(doc, 'Pack '), typed(doc, 'the ')], false);
  journal('t1', [typed(doc, 'map')], true);
  expect(restored('t1')).toBe('Pack the map');
  expect(journaled('t1')?.unsent).toBe(true);
  expect(journaledDocs()).toEqual(['t1']);
});

test('a completed write forgets its entry, but not one that replaced it', () => {
  const doc = new Y.Doc();
  const first = journal('t1', [typed(doc, 'a')], true);
  const second = journal('t1', [typed(doc, 'b')], true);
  forget('t1', first!);
  expect(restored('t1')).toBe('ab');
  forget('t1', second!);
  expect(journaled('t1')).toBeNull();
});

test('damaged entries are dropped; discard and forgetAll clear', () => {
  localStorage.setItem('hearth-unstored:bad', '{not json');
  expect(journaled('bad')).toBeNull();
  expect(journaledDocs()).toEqual([]);
  const doc = new Y.Doc();
  journal('t1', [typed(doc, 'x')], true);
  journal('t2', [typed(doc, 'y')], true);
  discard('t1');
  expect(journaledDocs()).toEqual(['t2']);
  forgetAll();
  expect(journaledDocs()).toEqual([]);
});
