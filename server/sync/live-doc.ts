// A doc held in memory while it is in use: its Y.Doc, awareness, and connections. Every
// change reaches the other connections only after it is committed ([S1]): remote updates
// are stored before they are applied; the server's own writes are stored before broadcast.
// A remote update is tried on a copy first, so one that fails changes nothing ([S6]).
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { type DocRef, docNameOf } from '../../shared/docs/names';
import { CloseCode, MessageType, type SyncLimits } from '../../shared/sync/protocol';
import type { DocStore, StoredDoc } from './doc-store';
import { formatBytes } from './limits';
import { SyncRefusal } from './sync-refusal';
import { TrialCopy } from './trial-copy';

/** What a live doc needs from a connection: send a frame, and close with a reason. */
export interface Peer {
  send(frame: Uint8Array): void;
  close(code: number, reason: string): void;
}

const COMPACT_AFTER_UPDATES = 200;
/** Streamed server writes (AI tokens) are stored at least this often ([S1a]). */
export const STREAM_PERSIST_MS = 250;

/** The origin of a streamed server write: broadcast at once, stored within STREAM_PERSIST_MS. */
const STREAMED = Symbol('streamed');
const COMPACT_AFTER_BYTES = 1024 * 1024;

/**
 * Marks an update that is already durable when Yjs applies it. What the doc emits for it is
 * collected in `emitted` and broadcast only once the whole update has applied ([S6]).
 */
interface Committed {
  committed: true;
  from: Peer | null;
  emitted: Uint8Array[];
}
const committed = (from: Peer | null): Committed => ({ committed: true, from, emitted: [] });
const isCommitted = (origin: unknown): origin is Committed =>
  typeof origin === 'object' && origin !== null && (origin as Committed).committed === true;

export class LiveDoc {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly name: string;
  /** Connections and the awareness client ids each controls. */
  readonly peers = new Map<Peer, Set<number>>();
  lastActive = Date.now();
  private appliedUpToId: number;
  private logCount: number;
  /** Bytes of the log since the last snapshot: what compaction would fold in. */
  private logBytes: number;
  private bytes: number;
  private inFlight = 0;
  /** Calls of `receiveMany` that have not finished. */
  private receiving = 0;
  private readonly trial = new TrialCopy(this.doc);
  private localWrites: Promise<unknown> = Promise.resolve();
  private streamed: Uint8Array[] = [];
  private streamTimer: NodeJS.Timeout | undefined;
  /** Called after every change that came from a client, and once after loading. */
  onChange: ((live: LiveDoc) => void) | undefined;
  private destroyed = false;
  private holds = 0;

  /**
   * `onBroken` is called when memory may no longer match what is stored (a write failed to
   * store, or an update failed half-way): the owner must drop this doc without compacting it.
   */
  constructor(
    readonly ref: DocRef,
    stored: StoredDoc,
    private readonly store: DocStore,
    private readonly limits: Readonly<SyncLimits>,
    private readonly onBroken: (error: unknown) => void,
  ) {
    this.name = docNameOf(ref);
    this.awareness.setLocalState(null);
    if (stored.state) Y.applyUpdate(this.doc, stored.state, committed(null));
    this.appliedUpToId = stored.lastUpdateId;
    this.logCount = stored.logCount;
    this.logBytes = stored.logBytes;
    this.bytes = stored.bytes;
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onUpdate(update, origin));
    this.awareness.on('update', this.onAwareness);
  }

  get userId(): string {
    return this.ref.userId;
  }

  /** Stores a client's update, then applies and broadcasts it. Rejects with SyncRefusal. */
  receive(update: Uint8Array, from: Peer | null): Promise<void> {
    return this.receiveMany([update], from);
  }

  /**
   * Stores updates that arrived together in one commit, then applies and broadcasts them in
   * order. An update that is malformed, does not apply or does not fit is refused with
   * nothing stored, applied or broadcast ([S6], [S7]); the others of its batch with it.
   */
  async receiveMany(updates: Uint8Array[], from: Peer | null): Promise<void> {
    let bytes = 0;
    for (const update of updates) {
      try {
        Y.decodeUpdate(update);
      } catch {
        throw new SyncRefusal(CloseCode.badRequest, 'That update is malformed.');
      }
      bytes += update.byteLength;
    }
    if (this.bytes + bytes > this.limits.maxDocBytes) {
      const limit = formatBytes(this.limits.maxDocBytes);
      throw new SyncRefusal(CloseCode.tooLarge, `This doc has reached its size limit of ${limit}.`);
    }
    this.receiving++;
    try {
      if (!this.trial.tryApply(updates)) {
        throw new SyncRefusal(CloseCode.badRequest, 'That update could not be applied.');
      }
      const ids = await this.append(updates);
      // Purged or unloaded meanwhile: the rows are stored, and nobody is left to tell.
      if (this.destroyed) return;
      this.bytes += bytes;
      this.logBytes += bytes;
      this.logCount += updates.length;
      for (const [i, update] of updates.entries()) this.apply(update, ids[i]!, ids.slice(i), from);
    } finally {
      this.receiving--;
      if (this.receiving === 0 && this.peers.size === 0) this.trial.release();
    }
    this.lastActive = Date.now();
    this.maybeCompact();
    this.onChange?.(this);
  }

  /** Commits updates the trial copy has taken; if that fails, the copy is ahead of the doc. */
  private async append(updates: Uint8Array[]): Promise<number[]> {
    this.inFlight++;
    try {
      return await Promise.all(updates.map((update) => this.store.append(this.userId, this.name, update)));
    } catch (error) {
      this.trial.release();
      throw error;
    } finally {
      this.inFlight--;
    }
  }

  /** Applies one committed update and broadcasts what it changed. */
  private apply(update: Uint8Array, id: number, unapplied: number[], from: Peer | null): void {
    const origin = committed(from);
    try {
      Y.applyUpdate(this.doc, update, origin);
    } catch (error) {
      // The trial copy took it, so the doc should have too. Its half-applied change was not
      // broadcast; forget the stored rows and let the owner reload the doc from the store.
      for (const stored of unapplied) this.store.removeUpdate(stored);
      this.onBroken(error);
      throw new SyncRefusal(CloseCode.badRequest, 'That update could not be applied.');
    }
    for (const emitted of origin.emitted) this.broadcast(emitted, from);
    this.appliedUpToId = Math.max(this.appliedUpToId, id);
  }

  /** Makes a server-side write (for example an AI reply) that is stored before anyone sees it. */
  write(change: (doc: Y.Doc) => void): void {
    this.doc.transact(() => change(this.doc));
  }

  /**
   * Makes a streamed server-side write: broadcast at once, stored in batches at most
   * STREAM_PERSIST_MS apart ([S1a]). Call `flushStreamed` when the stream ends.
   */
  writeStreamed(change: (doc: Y.Doc) => void): void {
    this.doc.transact(() => change(this.doc), STREAMED);
  }

  /** Stores every streamed write made so far; resolves once it is durable. */
  flushStreamed(): Promise<unknown> {
    clearTimeout(this.streamTimer);
    this.streamTimer = undefined;
    if (this.streamed.length > 0) {
      const merged = Y.mergeUpdates(this.streamed);
      this.streamed = [];
      this.persistLocal(merged, false);
    }
    return this.localWrites;
  }

  /** Resolves once every write the server itself made to this doc is durable. */
  whenDurable(): Promise<unknown> {
    return this.localWrites;
  }

  /** The sync step 2 answer to a state vector: only what it lacks ([S8]). */
  async diffFor(stateVector: Uint8Array): Promise<Uint8Array> {
    await this.whenDurable();
    return Y.encodeStateAsUpdate(this.doc, stateVector);
  }

  private onUpdate(update: Uint8Array, origin: unknown): void {
    if (isCommitted(origin)) {
      origin.emitted.push(update);
      return;
    }
    this.trial.follow(update);
    if (origin === STREAMED) {
      this.broadcast(update, null);
      this.streamed.push(update);
      this.streamTimer ??= setTimeout(() => void this.flushStreamed(), STREAM_PERSIST_MS);
      return;
    }
    // Any other write made on the server: store it first, then let others see it.
    this.persistLocal(update, true);
  }

  private persistLocal(update: Uint8Array, broadcastAfter: boolean): void {
    this.inFlight++;
    const write = this.store.append(this.userId, this.name, update).then(
      (id) => {
        this.inFlight--;
        this.appliedUpToId = Math.max(this.appliedUpToId, id);
        this.bytes += update.byteLength;
        this.logBytes += update.byteLength;
        this.logCount++;
        if (broadcastAfter) this.broadcast(update, null);
        this.maybeCompact();
      },
      (error: unknown) => {
        // Memory now holds a change the disk does not: drop this copy so every device
        // reconnects to what is stored.
        this.inFlight--;
        this.onBroken(error);
      },
    );
    this.localWrites = Promise.all([this.localWrites, write]);
  }

  private broadcast(update: Uint8Array, except: Peer | null): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.sync);
    syncProtocol.writeUpdate(encoder, update);
    const frame = encoding.toUint8Array(encoder);
    for (const peer of this.peers.keys()) if (peer !== except) peer.send(frame);
  }

  private readonly onAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...added, ...updated, ...removed];
    const controlled = origin instanceof Object ? this.peers.get(origin as Peer) : undefined;
    if (controlled) {
      for (const id of added) controlled.add(id);
      for (const id of removed) controlled.delete(id);
    }
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.awareness);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    const frame = encoding.toUint8Array(encoder);
    for (const peer of this.peers.keys()) peer.send(frame);
  };

  /**
   * Keeps the doc in memory while the server works on it with no device connected (an AI
   * reply streaming into it); call the returned function once when done.
   */
  hold(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      this.lastActive = Date.now();
    };
  }

  /** True while some server work holds the doc (see `hold`). */
  get held(): boolean {
    return this.holds > 0;
  }

  attach(peer: Peer): void {
    this.peers.set(peer, new Set());
    this.lastActive = Date.now();
  }

  /**
   * Frees the trial copy when no client update came since `cutoff` (a Date.now() time): a
   * doc whose devices are connected but quiet holds one copy of itself, not two. Not while
   * an update is being received: its copy is ahead of the doc until it is applied.
   */
  releaseIdleTrial(cutoff: number): void {
    if (this.receiving === 0) this.trial.releaseUnusedSince(cutoff);
  }

  /** True while the trial copy is in memory (for tests and benchmarks). */
  get holdsTrialCopy(): boolean {
    return this.trial.held;
  }

  detach(peer: Peer): void {
    const controlled = this.peers.get(peer);
    this.peers.delete(peer);
    if (this.peers.size === 0 && this.receiving === 0) this.trial.release();
    if (controlled?.size) awarenessProtocol.removeAwarenessStates(this.awareness, [...controlled], null);
    this.lastActive = Date.now();
  }

  /** Folds the log into a snapshot when it has grown, or always when `force`d. */
  maybeCompact(force = false): void {
    if (this.destroyed) return;
    // The log's size, not the doc's: a large doc must not be compacted on every commit.
    const big = this.logCount >= COMPACT_AFTER_UPDATES || this.logBytes >= COMPACT_AFTER_BYTES;
    if (this.inFlight > 0 || this.logCount === 0 || !(force || big)) return;
    const state = Y.encodeStateAsUpdate(this.doc);
    this.store.compact(this.userId, this.name, state, this.appliedUpToId);
    this.logCount = 0;
    this.logBytes = 0;
    this.bytes = state.byteLength;
  }

  /** Closes every connection and frees the doc (store streamed writes first: `flushStreamed`). */
  destroy(code: number, reason: string): void {
    clearTimeout(this.streamTimer);
    this.destroyed = true;
    for (const peer of [...this.peers.keys()]) peer.close(code, reason);
    this.peers.clear();
    this.trial.release();
    this.awareness.destroy();
    this.doc.destroy();
  }
}
