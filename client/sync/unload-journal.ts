// The last resort for changes a page leaves with ([S13]). IndexedDB runs a write only after
// every earlier transaction on the same store has finished, and a read that needs the page's
// JavaScript to go on (a cursor, a Dexie transaction) cannot finish once the page unloads:
// the write queued behind it dies with the page. Chromium also runs typing before timers and
// IndexedDB callbacks, so a burst of keystrokes can leave every store of it still queued.
// So when the page is hidden or left, the changes whose writes have not completed are also
// written to localStorage, which is synchronous. The next start stores them in IndexedDB,
// and a doc loading before then applies them too. Applying a Yjs update twice changes nothing.
import * as Y from 'yjs';
import { fromBase64, toBase64 } from './base64';

const PREFIX = 'hearth-unstored:';

interface Entry {
  update: Uint8Array;
  /** This device's own changes, not yet on the server. */
  unsent: boolean;
}

const storage = (): Storage | null => (typeof localStorage === 'undefined' ? null : localStorage);

/**
 * Keeps `updates` of doc `name` until their IndexedDB write is known to be done, with what
 * the journal held for it already. Returns the entry written, for `forget`.
 */
export function journal(name: string, updates: Uint8Array[], unsent: boolean): string | null {
  const before = journaled(name);
  const all = before ? [before.update, ...updates] : updates;
  if (all.length === 0) return null;
  const value = JSON.stringify({ update: toBase64(Y.mergeUpdates(all)), unsent: unsent || before?.unsent === true });
  try {
    storage()?.setItem(PREFIX + name, value);
    return value;
  } catch {
    return null; // full: the IndexedDB write may still land; nothing else can be done while leaving
  }
}

/** The writes entry `value` stood in for have completed: forgets it, unless it was replaced since. */
export function forget(name: string, value: string): void {
  const store = storage();
  if (store?.getItem(PREFIX + name) === value) store.removeItem(PREFIX + name);
}

/** What the journal holds for doc `name`, if anything; `raw` is the entry, for `forget`. */
export function journaled(name: string): (Entry & { raw: string }) | null {
  const raw = storage()?.getItem(PREFIX + name);
  if (!raw) return null;
  try {
    const { update, unsent } = JSON.parse(raw) as { update: string; unsent: boolean };
    return { update: fromBase64(update), unsent: unsent === true, raw };
  } catch {
    forget(name, raw); // not ours or damaged: there is nothing to recover from it
    return null;
  }
}

/** The names of the docs with journaled changes. */
export function journaledDocs(): string[] {
  const store = storage();
  if (!store) return [];
  const names: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key?.startsWith(PREFIX)) names.push(key.slice(PREFIX.length));
  }
  return names;
}

/** Forgets what is journaled for doc `name` (it is deleted from the device). */
export function discard(name: string): void {
  storage()?.removeItem(PREFIX + name);
}

/** Forgets every journaled change (the device is being cleared). */
export function forgetAll(): void {
  for (const name of journaledDocs()) discard(name);
}
