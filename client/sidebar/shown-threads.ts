// The sidebar's chats as the index doc holds them, for useDocValue: newest first, deleted ones
// left out, in the threads view's order (a tie newest id first), so the list painted from the
// view and the one read from the doc agree. Kept per doc and updated by the threads each
// change touched, so a pin among 10,000 chats reads one thread, not all of them, and the
// others keep their objects (their memoised rows do not re-render). Reads the doc's Yjs
// types, so only the sync engine loads it (sync-engine.ts); the shell reaches it through it.
import type * as Y from 'yjs';
import { listThreads, readThread, type ThreadMeta, watchThreads } from '../../shared/docs/index-doc';
import type { DocValueOptions } from '../sync/doc-value';

interface Shown {
  list: ThreadMeta[];
  /** The threads changed since `list` was made, or all of them before the first. */
  changed: Set<string> | 'all';
}

const shown = new WeakMap<Y.Doc, Shown>();

const newestFirst = (a: ThreadMeta, b: ThreadMeta) =>
  b.updatedAt - a.updatedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

export function shownThreads(index: Y.Doc): ThreadMeta[] {
  let state = shown.get(index);
  if (!state) {
    const created: Shown = { list: [], changed: 'all' };
    // Told before the doc's change feed, so a selection made after a change sees its ids.
    watchThreads(index, (ids) => {
      if (created.changed !== 'all') for (const id of ids) created.changed.add(id);
    });
    shown.set(index, created);
    state = created;
  }
  const { changed } = state;
  if (changed === 'all') {
    state.list = listThreads(index)
      .filter((thread) => thread.deletedAt === null)
      .sort(newestFirst);
  } else if (changed.size > 0) {
    const list = state.list.filter((thread) => !changed.has(thread.id));
    for (const id of changed) {
      const thread = readThread(index, id);
      if (thread && thread.deletedAt === null) list.splice(insertionPoint(list, thread), 0, thread);
    }
    state.list = list;
  }
  state.changed = new Set();
  return state.list;
}

/** Where `thread` goes in the sorted `list` (binary search). */
function insertionPoint(list: readonly ThreadMeta[], thread: ThreadMeta): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (newestFirst(list[middle]!, thread) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

export const shownThreadsOptions: DocValueOptions<ThreadMeta[]> = {
  // Unchanged threads keep their objects: comparing them one by one is enough.
  isEqual: (a, b) => a.length === b.length && a.every((thread, i) => thread === b[i]),
  // Told only after a change inside the thread list (not a setting or a mode). Yjs types the
  // map per kind of event, which a map does not match: widen it (as changedType does).
  affects: (transaction) =>
    (transaction.changedParentTypes as ReadonlyMap<unknown, unknown>).has(transaction.doc.getMap('threads')),
};
