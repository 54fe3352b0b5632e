// A doc's updates on the device: every change is written to IndexedDB as it happens
// ([S13]); a doc loads by applying its rows in order; the rows are compacted into one.
import * as Y from 'yjs';
import { parseDocName } from '../../shared/docs/names';
import { type DocStateRow, db } from '../db/hearth-db';
import { reportStorageError } from '../db/storage-errors';
import { discard, drop, journaled } from './unload-journal';

const COMPACT_AFTER_ROWS = 100;

/** Marks updates applied from the device's own storage, so they are not stored again. */
export const FROM_STORAGE = Symbol('from-storage');

/**
 * Applies every stored update of `name` to `doc`, with what the unload journal holds for it;
 * returns how many rows there were. The journal is read first: `restoreJournal` forgets an
 * entry only once its rows are committed, so whatever it held is in one of the two.
 */
export async function loadStoredDoc(name: string, doc: Y.Doc): Promise<number> {
  const kept = journaled(name);
  const rows = await db.docUpdates.where('doc').equals(name).sortBy('seq');
  const updates = [...rows.map((r) => r.update), ...kept.map((k) => k.update)];
  if (updates.length) Y.applyUpdate(doc, Y.mergeUpdates(updates), FROM_STORAGE);
  return rows.length;
}

/**
 * Stores in IndexedDB what pages journaled as they left (see unload-journal.ts), for this
 * user's docs only: another account's entries wait for that account to sign in here again.
 */
export async function restoreJournal(userId: string): Promise<void> {
  for (const entry of journaled()) {
    if (parseDocName(entry.doc)?.userId !== userId) continue;
    await storeUpdates(entry.doc, [entry.update], entry.unsent);
    drop(entry);
  }
}

/**
 * Appends updates, marking the doc unsent when they are this device's own, in one IndexedDB
 * transaction issued and committed at once: every request goes out before anything comes
 * back, so a page that unloads right after a keystroke (a reload, a closed app) still keeps
 * it. Dexie would wait a round trip per step, and an unloading page aborts what is left.
 */
export async function storeUpdates(name: string, updates: Uint8Array[], unsent: boolean): Promise<void> {
  try {
    if (!db.isOpen()) await db.open();
    await new Promise<void>((resolve, reject) => {
      const tx = db.backendDB().transaction(['docUpdates', 'unsent'], 'readwrite');
      const log = tx.objectStore('docUpdates');
      for (const update of updates) log.add({ doc: name, update });
      if (unsent) tx.objectStore('unsent').put({ doc: name });
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(tx.error ?? new DOMException('The write was aborted.', 'AbortError'));
      tx.commit();
    });
  } catch (error) {
    reportStorageError(error);
    throw error;
  }
}

/** The server has stored every change of this doc the device holds ([S15]). */
export async function markSent(name: string): Promise<void> {
  await db.unsent.delete(name);
}

/** Replaces a doc's rows by one holding its whole state, in one transaction. */
export async function compactStoredDoc(name: string, doc: Y.Doc): Promise<void> {
  const state = Y.encodeStateAsUpdate(doc);
  await db.transaction('rw', db.docUpdates, async () => {
    const keys = await db.docUpdates.where('doc').equals(name).primaryKeys();
    await db.docUpdates.bulkDelete(keys);
    await db.docUpdates.add({ doc: name, update: state });
  });
}

export async function storedRowCount(name: string): Promise<number> {
  return db.docUpdates.where('doc').equals(name).count();
}

export const shouldCompact = (rows: number) => rows >= COMPACT_AFTER_ROWS;

/** Forgets a doc on this device: its updates, its sync state and its message views. */
export async function dropStoredDoc(name: string, threadId?: string): Promise<void> {
  discard(name);
  await db.transaction('rw', [db.docUpdates, db.docState, db.unsent, db.messages], async () => {
    await db.docUpdates.where('doc').equals(name).delete();
    await db.docState.delete(name);
    await db.unsent.delete(name);
    if (threadId) await db.messages.where('threadId').equals(threadId).delete();
  });
}

/** Merges `patch` into a doc's sync state, creating it when absent. */
export async function updateDocState(name: string, patch: Partial<Omit<DocStateRow, 'doc'>>): Promise<void> {
  await db.transaction('rw', db.docState, async () => {
    const row = await db.docState.get(name);
    await db.docState.put({ ...row, ...patch, doc: name });
  });
}
