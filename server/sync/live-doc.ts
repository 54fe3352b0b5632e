// A doc held in memory while it is in use: its Y.Doc, awareness, and connections. Every
// change reaches the other connections only after it is committed ([S1]): remote updates
// are stored before they are applied; the server's own writes are stored before broadcast.
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { DocRef } from '../../shared/docs/names';
import { MessageType, SyncLimits } from '../../shared/sync/protocol';
import type { DocStore, StoredDoc } from './doc-store';

/** What a live doc needs from a connection: send a frame, and close with a reason. */
export interface Peer {
  send(frame: Uint8Array): void;
  close(code: number, reason: string): void;
}

/** Thrown when an update may not be taken; the connection closes with `code`. */
export class RefusedUpdate extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const COMPACT_AFTER_UPDATES = 200;
/** Streamed server writes (AI tokens) are stored at least this often ([S1a]). */
export const STREAM_PERSIST_MS = 250;

/** The origin of a streamed server write: broadcast at once, stored within STREAM_PERSIST_MS. */
const STREAMED = Symbol('streamed');
const COMPACT_AFTER_BYTES = 1024 * 1024;

/** Marks an update that is already durable when Yjs applies it. */
interface Committed {
  committed: true;
  from: Peer | null;
}
const isCommitted = (origin: unknown): origin is Committed =>
  typeof origin === 'object' && origin !== null && (origin as Committed).committed === true;

export class LiveDoc {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** Connections and the awareness client ids each controls. */
  readonly peers = new Map<Peer, Set<number>>();
  lastActive = Date.now();
  private appliedUpToId: number;
  private logCount: number;
  /** Bytes of the log since the last snapshot: what compaction would fold in. */
  private logBytes: number;
  private bytes: number;
  private inFlight = 0;
  private localWrites: Promise<unknown> = Promise.resolve();
  private streamed: Uint8Array[] = [];
  private streamTimer: NodeJS.Timeout | undefined;
  /** Called after every change that came from a client, and once after loading. */
  onChange: ((live: LiveDoc) => void) | undefined;
  private destroyed = false;
  private holds = 0;

  constructor(
    readonly ref: DocRef,
    readonly name: string,
    stored: StoredDoc,
    private readonly store: DocStore,
    private readonly onStoreFailure: (error: unknown) => void,
  ) {
    this.awareness.setLocalState(null);
    if (stored.state) Y.applyUpdate(this.doc, stored.state, { committed: true, from: null } satisfies Committed);
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

  /** Stores a client's update, then applies and broadcasts it. Rejects with RefusedUpdate. */
  receive(update: Uint8Array, from: Peer | null): Promise<void> {
    return this.receiveMany([update], from);
  }

  /**
   * Stores updates that arrived together in one commit, then applies and broadcasts them in
   * order. Nothing is stored unless every update is well-formed and the doc has room.
   */
  async receiveMany(updates: Uint8Array[], from: Peer | null): Promise<void> {
    let bytes = 0;
    for (const update of updates) {
      try {
        Y.decodeUpdate(update);
      } catch {
        throw new RefusedUpdate(4400, 'That update is malformed.');
      }
      bytes += update.byteLength;
    }
    if (this.bytes + bytes > SyncLimits.maxDocBytes) {
      throw new RefusedUpdate(4413, `This doc has reached its size limit of ${SyncLimits.maxDocBytes >> 20} MiB.`);
    }
    this.inFlight++;
    let ids: number[];
    try {
      ids = await Promise.all(updates.map((update) => this.store.append(this.userId, this.name, update)));
    } finally {
      this.inFlight--;
    }
    this.bytes += bytes;
    this.logBytes += bytes;
    this.logCount += updates.length;
    for (const [i, update] of updates.entries()) {
      try {
        Y.applyUpdate(this.doc, update, { committed: true, from } satisfies Committed);
      } catch {
        for (const id of ids.slice(i)) this.store.removeUpdate(id);
        throw new RefusedUpdate(4400, 'That update could not be applied.');
      }
      this.appliedUpToId = Math.max(this.appliedUpToId, ids[i]!);
    }
    this.lastActive = Date.now();
    this.maybeCompact();
    this.onChange?.(this);
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
      this.broadcast(update, origin.from);
      return;
    }
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
        this.onStoreFailure(error);
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

  detach(peer: Peer): void {
    const controlled = this.peers.get(peer);
    this.peers.delete(peer);
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
    this.awareness.destroy();
    this.doc.destroy();
  }
}
