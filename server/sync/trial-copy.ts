// A second copy of a live doc on which a client's updates are tried before anything else
// sees them ([S6]). Yjs can throw half-way through an update and keep what it applied so
// far (and tell other devices about it); an update that throws here is refused before it is
// stored, applied to the live doc or broadcast. Trying costs one more apply per update; a
// fresh copy costs a full encode and apply, so it is kept while updates keep coming, and
// freed when the doc has no connection or no update was tried for a while (it holds as
// much memory as the doc itself).
import * as Y from 'yjs';

export class TrialCopy {
  private copy: Y.Doc | undefined;
  /** When an update was last tried (Date.now()). */
  private triedAt = 0;

  constructor(private readonly doc: Y.Doc) {}

  /** True while the copy is in memory. */
  get held(): boolean {
    return this.copy !== undefined;
  }

  /**
   * Applies `updates` to the copy in order; false when one throws. The copy is then thrown
   * away, and built again from the doc when next needed.
   */
  tryApply(updates: readonly Uint8Array[]): boolean {
    this.triedAt = Date.now();
    try {
      this.copy ??= copyOf(this.doc);
      for (const update of updates) Y.applyUpdate(this.copy, update);
      return true;
    } catch {
      this.release();
      return false;
    }
  }

  /** Keeps the copy in step with a change made to the doc directly (a server write). */
  follow(update: Uint8Array): void {
    if (!this.copy) return;
    // Applying an update retries held-back parts, a local write does not: with some held
    // back, the copy could part ways with the doc, so it is built anew when next needed.
    if (this.doc.store.pendingStructs || this.doc.store.pendingDs) {
      this.release();
      return;
    }
    try {
      Y.applyUpdate(this.copy, update);
    } catch {
      this.release();
    }
  }

  /** Frees the copy if no update was tried on it since `cutoff` (a Date.now() time). */
  releaseUnusedSince(cutoff: number): void {
    if (this.triedAt < cutoff) this.release();
  }

  /** Frees the copy; the next trial builds a new one. */
  release(): void {
    this.copy?.destroy();
    this.copy = undefined;
  }
}

/**
 * A copy that takes updates exactly as the doc would. Yjs encodes the parts a doc holds back
 * (pending structs and deletes, waiting for parts it lacks) into its state, and a new doc
 * may then integrate them differently; so the copy gets the state without them, and then
 * the same held-back parts, waiting for the same missing clocks.
 */
function copyOf(doc: Y.Doc): Y.Doc {
  const { pendingStructs, pendingDs } = doc.store;
  let state: Uint8Array;
  try {
    doc.store.pendingStructs = null;
    doc.store.pendingDs = null;
    state = Y.encodeStateAsUpdate(doc);
  } finally {
    doc.store.pendingStructs = pendingStructs;
    doc.store.pendingDs = pendingDs;
  }
  const copy = new Y.Doc({ gc: doc.gc, guid: doc.guid });
  Y.applyUpdate(copy, state);
  copy.store.pendingStructs = pendingStructs && {
    missing: new Map(pendingStructs.missing),
    update: pendingStructs.update,
  };
  copy.store.pendingDs = pendingDs;
  return copy;
}
