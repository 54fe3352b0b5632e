// The sidebar's list as the index doc has it: in the threads view's order, deleted ones left
// out, kept up to date thread by thread (the same as reading them all); a pin is told in the
// transaction that made it, a change outside the list is not.
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  createThread,
  deleteThread,
  listThreads,
  pinThread,
  renameThread,
  touchThread,
  writeSetting,
} from '../../shared/docs/index-doc';
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

it('kept up to date by the threads each change touched, it equals reading them all; the others keep their objects', () => {
  const doc = new Y.Doc();
  const ids = Array.from({ length: 40 }, (_, i) => createThread(doc, { now: (i * 7) % 10 }));
  shownThreads(doc);
  for (let step = 0; step < 300; step++) {
    const before = shownThreads(doc);
    let id = ids[(step * 17) % ids.length]!;
    const now = (step * 13) % 50;
    const kind = step % 10;
    if (kind < 3) pinThread(doc, id, step % 4 < 2, now);
    else if (kind < 5) renameThread(doc, id, `title ${step}`, now);
    else if (kind < 8) touchThread(doc, id, now);
    else if (kind < 9) {
      id = createThread(doc, { now });
      ids.push(id);
    } else deleteThread(doc, id, now);
    const after = shownThreads(doc);
    const all = listThreads(doc).filter((t) => t.deletedAt === null);
    expect(after).toEqual(
      [...all].sort((x, y) => y.updatedAt - x.updatedAt || (x.id < y.id ? 1 : x.id > y.id ? -1 : 0)),
    );
    for (const thread of after) if (thread.id !== id) expect(before).toContain(thread);
  }
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
