// The docs in memory: loads a doc on first use, unloads it when idle (compacting it), and
// purges thread docs once the index marks them deleted ([S12]).
import * as Y from 'yjs';
import { listThreads } from '../../shared/docs/index-doc';
import { type DocRef, docNameOf, threadDocName } from '../../shared/docs/names';
import { CloseCode, type SyncLimits } from '../../shared/sync/protocol';
import type { Logger } from '../log/logger';
import type { DocStore } from './doc-store';
import { LiveDoc } from './live-doc';
import { SyncRefusal } from './sync-refusal';

const IDLE_UNLOAD_MS = 30_000;
/** A doc that takes no update for this long frees its trial copy ([S6]; trial-copy.ts). */
const IDLE_TRIAL_MS = 10_000;
const SWEEP_EVERY_MS = 10_000;

export class DocRegistry {
  private readonly docs = new Map<string, LiveDoc>();
  private readonly observers: ((live: LiveDoc) => void)[] = [];
  private readonly purgeListeners: ((userId: string, state: Uint8Array | null) => void)[] = [];
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    readonly store: DocStore,
    readonly limits: Readonly<SyncLimits>,
    private readonly log: Logger,
  ) {
    this.sweeper = setInterval(() => {
      this.unloadIdle(IDLE_UNLOAD_MS);
      this.releaseIdleTrials(IDLE_TRIAL_MS);
    }, SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  /** The live doc, if it is in memory. */
  peek(name: string): LiveDoc | undefined {
    return this.docs.get(name);
  }

  /**
   * The live doc, loaded from the store if needed. Throws SyncRefusal when the doc was
   * purged (4410) or would be one doc too many for its user (4429).
   */
  open(ref: DocRef): LiveDoc {
    const name = docNameOf(ref);
    const existing = this.docs.get(name);
    if (existing) return existing;
    if (this.store.isPurged(name)) throw new SyncRefusal(CloseCode.gone, 'This thread was deleted.');
    const { maxDocsPerUser } = this.limits;
    if (!this.store.exists(name) && this.store.countDocs(ref.userId) >= maxDocsPerUser) {
      throw new SyncRefusal(CloseCode.tooMany, `You have reached the limit of ${maxDocsPerUser} docs.`);
    }
    const live = new LiveDoc(ref, this.store.load(ref.userId, name), this.store, this.limits, (error) => {
      // Memory may hold a change the store does not: every device reconnects to what is stored.
      this.log.error('a doc in memory no longer matches the store; reloading it', { doc: name, err: error });
      this.drop(name, CloseCode.goingAway, 'The server is reloading this doc. Reconnecting.', false);
    });
    this.docs.set(name, live);
    if (ref.kind === 'index') this.watchTombstones(live);
    live.onChange = (changed) => {
      for (const observer of this.observers) observer(changed);
    };
    live.onChange(live);
    return live;
  }

  /** Calls `observer` when a doc is loaded and after every change a client makes to it. */
  observe(observer: (live: LiveDoc) => void): void {
    this.observers.push(observer);
  }

  /** Calls `listener` with a doc's last state just before it is purged (blob garbage collection). */
  onPurge(listener: (userId: string, state: Uint8Array | null) => void): void {
    this.purgeListeners.push(listener);
  }

  /** The doc's full stored state without keeping it in memory (for catch-up reads). */
  stateOf(ref: DocRef): Uint8Array | null {
    const name = docNameOf(ref);
    const live = this.docs.get(name);
    if (live) return Y.encodeStateAsUpdate(live.doc);
    return this.store.load(ref.userId, name).state;
  }

  private watchTombstones(index: LiveDoc): void {
    const purgeDeleted = () => {
      for (const thread of listThreads(index.doc)) {
        if (thread.deletedAt === null) continue;
        const name = threadDocName(index.userId, thread.id);
        if (!this.store.isPurged(name)) this.purge(index.userId, name);
      }
    };
    purgeDeleted();
    index.doc.getMap('threads').observeDeep(purgeDeleted);
  }

  /** Deletes a doc for good: closes its connections (4410) and its stored rows. */
  purge(userId: string, name: string): void {
    if (this.purgeListeners.length > 0) {
      const live = this.docs.get(name);
      const state = live ? Y.encodeStateAsUpdate(live.doc) : this.store.load(userId, name).state;
      for (const listener of this.purgeListeners) listener(userId, state);
    }
    this.drop(name, CloseCode.gone, 'This thread was deleted.', false);
    this.store.purge(userId, name);
    this.log.info('purged a deleted doc', { userId });
  }

  /** Removes a doc from memory, closing its connections; compacts it first unless told not to. */
  drop(name: string, code: number, reason: string, compact = true): void {
    const live = this.docs.get(name);
    if (!live) return;
    this.docs.delete(name);
    void live.flushStreamed();
    if (compact) this.compactQuietly(live);
    live.destroy(code, reason);
  }

  /** Forgets every doc of a deleted account without writing anything back. */
  dropUser(userId: string): void {
    for (const [name, live] of this.docs) {
      if (live.userId === userId) this.drop(name, CloseCode.unauthorized, 'This account was deleted.', false);
    }
  }

  unloadIdle(idleMs: number): void {
    const cutoff = Date.now() - idleMs;
    for (const [name, live] of this.docs) {
      if (live.peers.size === 0 && !live.held && live.lastActive < cutoff) this.drop(name, CloseCode.goingAway, 'idle');
    }
  }

  /** Frees the trial copies of the docs in memory that took no update for `idleMs`. */
  releaseIdleTrials(idleMs: number): void {
    const cutoff = Date.now() - idleMs;
    for (const live of this.docs.values()) live.releaseIdleTrial(cutoff);
  }

  private compactQuietly(live: LiveDoc): void {
    try {
      live.maybeCompact(true);
    } catch (error) {
      this.log.error('compaction failed; the log is kept', { doc: live.name, err: error });
    }
  }

  /** Shutdown: close every connection (clients reconnect later) and compact every doc. */
  closeAll(): void {
    clearInterval(this.sweeper);
    for (const name of [...this.docs.keys()]) this.drop(name, CloseCode.goingAway, 'The server is restarting.');
  }
}
