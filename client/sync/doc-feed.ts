// One observer per Y.Doc for everything on this device that follows the doc: the React
// selections (use-doc-value), the message views and the change feed (sync-manager). It
// also counts the doc's changes, so a selection can tell at once whether it may be stale.
// Types only from yjs: the app shell uses this before the sync engine (and yjs) loads.
import type * as Y from 'yjs';

export type DocListener = (transaction: Y.Transaction) => void;

interface Feed {
  /** Bumped before the listeners are called, after every transaction that changed the doc. */
  version: number;
  listeners: Set<DocListener>;
}

const feeds = new WeakMap<Y.Doc, Feed>();

function feedOf(doc: Y.Doc): Feed {
  let feed = feeds.get(doc);
  if (!feed) {
    const created: Feed = { version: 0, listeners: new Set() };
    // Once per doc, for the doc's life: a doc that is dropped takes its feed with it.
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (transaction.changed.size === 0) return; // nothing changed (an empty or a no-op transaction)
      created.version++;
      for (const listener of created.listeners) listener(transaction);
    });
    feeds.set(doc, created);
    feed = created;
  }
  return feed;
}

/** Calls `listener` after each transaction that changed `doc`; returns the unsubscribe. */
export function onDocChange(doc: Y.Doc, listener: DocListener): () => void {
  const { listeners } = feedOf(doc);
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A number that changes with every change to `doc` (the same until the next one). */
export function docVersion(doc: Y.Doc): number {
  return feedOf(doc).version;
}
