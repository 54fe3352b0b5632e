// The last resort for changes a page leaves with ([S13]). IndexedDB runs a write only after
// every earlier transaction on the same store has finished, and a read that needs the page's
// JavaScript to go on (a cursor, a Dexie transaction) cannot finish once the page unloads:
// the write queued behind it dies with the page. Chromium also runs typing before timers and
// IndexedDB callbacks, so a burst of keystrokes can leave every store of it still queued.
// So when the page is hidden or left, the changes whose writes have not completed are also
// written to localStorage, which is synchronous. The next start stores them in IndexedDB,
// and a doc loading before then applies them too. Applying a Yjs update twice changes nothing.
//
// Each open copy of a doc (a writer: one per LocalDoc, in any tab) has an entry of its own,
// so no writer can forget what another one journaled. No Yjs here: the shell imports this
// module (to clear the device) and loads Yjs only with the sync engine.
import { fromBase64, toBase64 } from './base64';

const PREFIX = 'hearth-unstored:';

export interface JournalEntry {
  /** The localStorage key: the writer and the doc. */
  key: string;
  /** The entry as stored, to tell whether it was replaced since it was read. */
  raw: string;
  doc: string;
  update: Uint8Array;
  /** This device's own changes, not yet on the server. */
  unsent: boolean;
}

const storage = (): Storage | null => (typeof localStorage === 'undefined' ? null : localStorage);
const keyOf = (doc: string, writer: string) => `${PREFIX}${writer}:${doc}`;

/** Keeps `update` (all of the writer's unfinished changes to `doc`) until `forget`; false when full. */
export function journal(doc: string, writer: string, update: Uint8Array, unsent: boolean): boolean {
  try {
    storage()?.setItem(keyOf(doc, writer), JSON.stringify({ doc, update: toBase64(update), unsent }));
    return true;
  } catch {
    return false; // full: the IndexedDB write may still land; nothing else can be done while leaving
  }
}

/** The writer's changes to `doc` are stored in IndexedDB. */
export function forget(doc: string, writer: string): void {
  storage()?.removeItem(keyOf(doc, writer));
}

/** Every entry, or those of `doc`. Damaged entries are dropped: nothing can be recovered from them. */
export function journaled(doc?: string): JournalEntry[] {
  const store = storage();
  if (!store) return [];
  const entries: JournalEntry[] = [];
  for (const key of journalKeys()) {
    const raw = store.getItem(key);
    if (!raw) continue;
    try {
      const value = JSON.parse(raw) as { doc: string; update: string; unsent: boolean };
      if (doc === undefined || value.doc === doc) {
        entries.push({ key, raw, doc: value.doc, update: fromBase64(value.update), unsent: value.unsent === true });
      }
    } catch {
      store.removeItem(key);
    }
  }
  return entries;
}

/** Forgets a restored entry, unless its writer replaced it since it was read. */
export function drop(entry: JournalEntry): void {
  const store = storage();
  if (store?.getItem(entry.key) === entry.raw) store.removeItem(entry.key);
}

/** Forgets what is journaled for `doc` (it is deleted from the device). */
export function discard(doc: string): void {
  for (const entry of journaled(doc)) storage()?.removeItem(entry.key);
}

/** Forgets every journaled change (the device is being cleared). */
export function forgetAll(): void {
  for (const key of journalKeys()) storage()?.removeItem(key);
}

function journalKeys(): string[] {
  const store = storage();
  if (!store) return [];
  const keys: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  return keys;
}
