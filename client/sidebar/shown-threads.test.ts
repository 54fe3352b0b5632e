// The sidebar's list as the index doc has it: in the threads view's order, deleted ones left
// out; a pin is told in the transaction that made it, a change outside the list is not.
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { createThread, deleteThread, pinThread, writeSetting } from '../../shared/docs/index-doc';
import { docValueStore } from '../sync/doc-value';
import { shownThreads, shownThreadsOptions } from './shown-threads';

it('lists the threads newest first (a tie newest id first, as the view), deleted ones left out', () => {
  const doc = new Y.Doc();
  const a = createThread(doc, { id: 'a'.repeat(32), now: 1 });
  const b = createThread(doc, { id: 'b'.repeat(32), now: 1 });
  const c = createThread(doc, { id: 'c'.repeat(32), now: 2 });
  deleteThread(doc, createThread(doc, { now: 3 }), 4);
  expect(shownThreads(doc).map((t) => t.id)).toEqual([c, b, a]);
});

it('a pin is told at once and read back; a setting is not told', () => {
  const doc = new Y.Doc();
  const id = createThread(doc, { now: 1 });
  const store = docValueStore(doc, () => shownThreadsOptions);
  let told = 0;
  store.subscribe(() => told++);
  expect(store.read(shownThreads)[0]?.pinned).toBe(false);
  pinThread(doc, id, true, 2);
  expect(told).toBe(1);
  expect(store.read(shownThreads)[0]?.pinned).toBe(true);
  writeSetting(doc, 'theme', 'dark');
  expect(told).toBe(1);
});
