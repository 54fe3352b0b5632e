// A doc open on this device: loaded from Dexie, every change stored back as it happens
// ([S13]), and optionally live through the stock y-websocket provider. A doc this device
// changed stays dirty until the server acknowledges having stored all of it ([S15]).
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { newId } from '../../shared/docs/ids';
import { MessageType, SYNC_PROTOCOL_VERSION, SYNC_VERSION_PARAM } from '../../shared/sync/protocol';
import { compactStoredDoc, FROM_STORAGE, loadStoredDoc, markSent, shouldCompact, storeUpdates } from './doc-storage';
import { forget, journal } from './unload-journal';

/** Compact once the doc has been quiet this long: re-encoding a long thread takes tens of ms. */
const COMPACT_WHEN_QUIET_MS = 2000;
/**
 * Changes from the server (a streamed reply's tokens) are stored at most this often: the
 * server holds them already, so batching costs nothing if the page dies. This device's own
 * changes are stored right after the event that made them.
 */
const REMOTE_STORE_MS = 250;

export interface LiveOptions {
  wsUrl: string;
  /** For Node tests: a WebSocket class that carries the session cookie. */
  WebSocketImpl?: typeof WebSocket;
  /** For Node tests: no BroadcastChannel between "devices" that share one process. */
  disableBc?: boolean;
}

export class LocalDoc {
  readonly doc = new Y.Doc();
  readonly ready: Promise<void>;
  provider: WebsocketProvider | null = null;
  private writes: Promise<void> = Promise.resolve();
  private rows = 0;
  private destroyed = false;

  constructor(
    readonly name: string,
    private readonly onStorageError: (error: unknown) => void,
  ) {
    this.ready = loadStoredDoc(name, this.doc).then((rows) => {
      this.rows = rows;
      this.doc.on('update', this.onUpdate);
    });
    // A page being left may not run another timer: what is pending is written now.
    globalThis.addEventListener?.('pagehide', this.leaving);
    globalThis.document?.addEventListener('visibilitychange', this.leaving);
  }

  /** True while the server has confirmed this copy and changes flow live. */
  get live(): boolean {
    return Boolean(this.provider?.wsconnected && this.provider.synced);
  }

  private pending: Uint8Array[] = [];
  private pendingDirty = false;
  private compactTimer: ReturnType<typeof setTimeout> | undefined;

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === FROM_STORAGE) return;
    // Before connecting, a change with no origin is this device's own (not "the provider's").
    const local = origin !== this.provider || origin === null;
    // Dirty until an acknowledgement covers it, live or not: being sent is not being stored.
    if (local) this.pendingDirty = true;
    this.pending.push(update);
    // Updates that arrive together are stored in one IndexedDB transaction, not one each;
    // this device's own right after the event that made them (not inside it: a keystroke
    // paints first).
    this.scheduleStore(local ? 0 : REMOTE_STORE_MS);
  };

  private storeTimer: ReturnType<typeof setTimeout> | undefined;
  private storeAt = Number.POSITIVE_INFINITY;

  /** Stores the pending updates in `ms` (or sooner, if they are due sooner already). */
  private scheduleStore(ms: number): void {
    const at = performance.now() + ms;
    if (at >= this.storeAt) return;
    clearTimeout(this.storeTimer);
    this.storeAt = at;
    this.storeTimer = setTimeout(this.storeNow, ms);
  }

  /** Writes the pending updates now: the transaction is issued before this returns. */
  private readonly storeNow = (): void => {
    clearTimeout(this.storeTimer);
    this.storeAt = Number.POSITIVE_INFINITY;
    const updates = this.pending;
    const unsent = this.pendingDirty;
    this.pending = [];
    this.pendingDirty = false;
    if (updates.length === 0) return;
    const write = { updates, unsent };
    this.unfinished.add(write);
    const stored = storeUpdates(this.name, updates, unsent).then(
      () => {
        this.unfinished.delete(write);
        if (this.unfinished.size === 0 && this.journaled) {
          forget(this.name, this.writer);
          this.journaled = false;
        }
      },
      (error: unknown) => {
        // It stays unfinished, so the journal keeps it (from now on: the page may not go on).
        this.journalUnfinished();
        throw error;
      },
    );
    this.writes = Promise.all([this.writes, stored])
      .then(() => this.stored(updates.length))
      .catch(this.onStorageError);
  };

  /** Writes issued and not completed (or failed). */
  private readonly unfinished = new Set<{ updates: Uint8Array[]; unsent: boolean }>();
  /** This copy's entry in the unload journal, and whether it holds one now. */
  private readonly writer = newId();
  private journaled = false;

  private journalUnfinished(): void {
    if (this.unfinished.size === 0) return;
    const writes = [...this.unfinished];
    const update = Y.mergeUpdates(writes.flatMap((w) => w.updates));
    this.journaled =
      journal(
        this.name,
        this.writer,
        update,
        writes.some((w) => w.unsent),
      ) || this.journaled;
  }

  /**
   * The page is hidden or left, and may never run again: pending changes are written now, and
   * those whose writes have not completed are journaled too (see unload-journal.ts).
   */
  private readonly leaving = (event: Event): void => {
    if (event.type === 'visibilitychange' && globalThis.document?.visibilityState === 'visible') return;
    this.storeNow();
    this.journalUnfinished();
  };

  private stored(rows: number): void {
    this.rows += rows;
    if (!shouldCompact(this.rows) || this.destroyed) return;
    // Not mid-stream or mid-sentence: each store puts it off until the doc is quiet.
    clearTimeout(this.compactTimer);
    this.compactTimer = setTimeout(() => {
      this.writes = this.writes
        .then(async () => {
          this.compactTimer = undefined;
          if (this.destroyed) return;
          await compactStoredDoc(this.name, this.doc);
          this.rows = 1;
        })
        .catch(this.onStorageError);
    }, COMPACT_WHEN_QUIET_MS);
  }

  /** Connects the doc live; the provider reconnects by itself with backoff. */
  connect(options: LiveOptions): WebsocketProvider {
    if (this.provider) return this.provider;
    const provider = new WebsocketProvider(options.wsUrl, this.name, this.doc, {
      maxBackoffTime: 5000,
      disableBc: options.disableBc ?? false,
      params: { [SYNC_VERSION_PARAM]: String(SYNC_PROTOCOL_VERSION) },
      ...(options.WebSocketImpl ? { WebSocketPolyfill: options.WebSocketImpl } : {}),
    });
    provider.messageHandlers[MessageType.ack] = (_encoder, decoder) =>
      this.acknowledged(decoding.readVarUint8Array(decoder));
    this.provider = provider;
    return provider;
  }

  /**
   * The server stored everything its state vector covers. When that covers this copy (every
   * client's clock here at most the acknowledged one), nothing here is missing there: the
   * doc is clean. Otherwise it stays dirty and goes out with the next catch-up if the socket
   * closes first.
   */
  private acknowledged(encoded: Uint8Array): void {
    if (this.destroyed) return;
    const stored = Y.decodeStateVector(encoded);
    const covered = [...Y.decodeStateVector(Y.encodeStateVector(this.doc))].every(
      ([client, clock]) => clock <= (stored.get(client) ?? 0),
    );
    if (covered) {
      // Changes not written to the device yet are on the server already.
      this.pendingDirty = false;
      this.writes = Promise.all([this.writes, markSent(this.name)]).then(() => {}, this.onStorageError);
    }
  }

  /** Resolves once every change so far is stored on the device. */
  flush(): Promise<void> {
    if (this.pending.length > 0) this.storeNow();
    return this.writes;
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
    globalThis.removeEventListener?.('pagehide', this.leaving);
    globalThis.document?.removeEventListener('visibilitychange', this.leaving);
    clearTimeout(this.compactTimer);
    this.provider?.destroy();
    this.provider = null;
    await this.flush();
    this.doc.destroy();
  }
}
