// The sidebar's chats as the index doc holds them, for useDocValue: newest first, deleted ones
// left out, in the threads view's order (ties by id, newest id first), so the list painted
// from the view and the one read from the doc agree. Reads the doc's Yjs types, so only the
// sync engine loads it (sync-engine.ts); the shell reaches it through the engine.
import type * as Y from 'yjs';
import { listThreads, type ThreadMeta } from '../../shared/docs/index-doc';
import type { DocValueOptions } from '../sync/doc-value';

export function shownThreads(index: Y.Doc): ThreadMeta[] {
  return listThreads(index)
    .filter((thread) => thread.deletedAt === null)
    .sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** Selected again only after a change inside the thread list (not a setting or a mode). */
export const shownThreadsOptions: DocValueOptions<ThreadMeta[]> = {
  // Yjs types the map per kind of event, which a map does not match: widen it (as changedType does).
  affects: (transaction) =>
    (transaction.changedParentTypes as ReadonlyMap<unknown, unknown>).has(transaction.doc.getMap('threads')),
};
