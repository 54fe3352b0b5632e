// Keeps this device's docs in step with the server: the index doc live while online, open
// thread docs live, other threads fetched in batches when the index says they changed
// ([S14]), local changes made offline uploaded when the network returns ([S13]), and
// deleted threads dropped ([S12]). Exposes a status the UI shows.
import * as Y from 'yjs';
import type { SyncRequest, SyncResponse } from '../../shared/api/sync';
import { listThreads, readThread, touchThread, watchThreads } from '../../shared/docs/index-doc';
import { indexDocName, parseDocName, threadDocName } from '../../shared/docs/names';
import { CloseCode, UPGRADE_REQUIRED_REASON } from '../../shared/sync/protocol';
import { db } from '../db/hearth-db';
import { describeStorageError } from '../db/storage-errors';
import { batchCatchUp, type CatchUpTarget } from './batch-catch-up';
import { onDocChange } from './doc-feed';
import { dropStoredDoc, restoreJournal, updateDocState } from './doc-storage';
import { type LiveOptions, LocalDoc } from './local-doc';
import { MessageViews, writeThreadViews } from './views';

export type SyncStatus =
  | { kind: 'synced' }
  | { kind: 'syncing'; pending: number }
  | { kind: 'connecting' }
  | { kind: 'offline'; pending: number }
  | {
      kind: 'error';
      message: string;
      /** The server speaks a newer protocol: only reloading the app helps ([S15]). */
      reload?: true;
    };

export interface SyncTransport extends LiveOptions {
  batch(body: SyncRequest): Promise<SyncResponse>;
  isOnline(): boolean;
  /** True when `error` means the network (not the server) failed. */
  isNetworkError(error: unknown): boolean;
  /** True when `error` means the session is gone. */
  isUnauthorized(error: unknown): boolean;
  /** True when `error` means the server speaks another protocol version (426). */
  isUpgradeRequired(error: unknown): boolean;
}

const TOUCH_EVERY_MS = 2000;
const VIEW_DELAY_MS = 150;
const MAX_RETRY_MS = 30_000;
const KEEP_OPEN_MS = 60_000;

interface OpenThread {
  local: LocalDoc;
  refs: number;
  lastTouch: number;
  viewTimer?: ReturnType<typeof setTimeout>;
  /** Set once the doc has loaded from the device (loading is not a change to record). */
  views?: MessageViews;
  closeTimer?: ReturnType<typeof setTimeout>;
}

export class SyncManager {
  readonly index: LocalDoc;
  private readonly threads = new Map<string, OpenThread>();
  private readonly wanted = new Set<string>();
  private readonly dropped = new Set<string>();
  private status: SyncStatus = { kind: 'connecting' };
  private readonly listeners = new Set<() => void>();
  private pendingUploads = 0;
  private catchingUp: Promise<void> | null = null;
  private again = false;
  private retryMs = 1000;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private indexTimer: ReturnType<typeof setTimeout> | undefined;
  private indexPending = false;
  /** The threads changed in the index since its views were last written. */
  private indexChanges: Set<string> | 'all' = 'all';
  private error: string | null = null;
  /** Set for good once the server said this app is out of date: only a reload helps. */
  private outdated = false;
  private stopped = false;

  constructor(
    readonly userId: string,
    private readonly transport: SyncTransport,
    private readonly onUnauthorized: () => void,
  ) {
    this.index = new LocalDoc(indexDocName(userId), this.storageFailed);
  }

  async start(): Promise<void> {
    // Before the catch-up reads which docs are unsent: the last page's journal marks some.
    await restoreJournal(this.userId).catch(this.storageFailed);
    await this.index.ready;
    const provider = this.index.connect(this.transport);
    this.watchProvider(provider);
    watchThreads(this.index.doc, (ids) => {
      this.noteIndexChanges(ids);
      this.scheduleIndex();
    });
    await this.onIndexChange();
    void this.catchUp();
  }

  // ---- status -------------------------------------------------------------

  getStatus = (): SyncStatus => this.status;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private refresh(): void {
    const unsynced = [...this.threads.values()].filter((t) => t.local.provider && !t.local.live).length;
    const pending =
      this.wanted.size + this.pendingUploads + unsynced + (this.index.live ? 0 : 1) + (this.indexPending ? 1 : 0);
    let next: SyncStatus;
    if (this.outdated) next = { kind: 'error', message: UPGRADE_REQUIRED_REASON, reload: true };
    else if (this.error) next = { kind: 'error', message: this.error };
    else if (!this.transport.isOnline()) next = { kind: 'offline', pending: this.pendingUploads };
    else if (!this.index.provider?.wsconnected) next = { kind: 'connecting' };
    else if (pending > 0 || this.catchingUp) next = { kind: 'syncing', pending: Math.max(1, pending) };
    else next = { kind: 'synced' };
    if (JSON.stringify(next) === JSON.stringify(this.status)) return;
    this.status = next;
    for (const listener of this.listeners) listener();
  }

  private readonly storageFailed = (error: unknown): void => {
    this.error = describeStorageError(error).message;
    this.refresh();
  };

  private watchProvider(provider: NonNullable<LocalDoc['provider']>): void {
    provider.on('status', () => this.refresh());
    provider.on('sync', () => this.refresh());
    provider.on('closed', ({ code, reason }: { code: number; reason: string }) => {
      if (code === CloseCode.unauthorized) this.onUnauthorized();
      else if (code === CloseCode.upgradeRequired) this.upgradeRequired();
      else if (code !== CloseCode.gone) this.error = reason || `Sync stopped (code ${code}).`;
      this.refresh();
    });
  }

  /**
   * The server runs a newer Hearth: this app's messages could be misread, so nothing syncs
   * until a reload (the provider does not reconnect after a 44xx close; this stops the rest).
   */
  private upgradeRequired(): void {
    this.outdated = true;
    clearTimeout(this.retryTimer);
    for (const local of [this.index, ...[...this.threads.values()].map((t) => t.local)]) local.provider?.disconnect();
    this.refresh();
  }

  /** Called when the browser says the network is back: retry at once. */
  online(): void {
    if (this.outdated) return;
    this.retryMs = 1000;
    for (const local of [this.index, ...[...this.threads.values()].map((t) => t.local)]) {
      if (local.provider && !local.provider.wsconnected) local.provider.connect();
    }
    void this.catchUp();
    this.refresh();
  }

  // ---- the index and the change feed ------------------------------------------

  private noteIndexChanges(ids: Set<string> | 'all'): void {
    if (ids === 'all') this.indexChanges = 'all';
    else if (this.indexChanges !== 'all') for (const id of ids) this.indexChanges.add(id);
  }

  private scheduleIndex(): void {
    this.indexPending = true;
    this.refresh();
    clearTimeout(this.indexTimer);
    this.indexTimer = setTimeout(() => void this.onIndexChange(), VIEW_DELAY_MS);
  }

  private async onIndexChange(): Promise<void> {
    if (this.stopped) return;
    const changes = this.indexChanges;
    this.indexChanges = new Set();
    const ids = changes === 'all' ? undefined : changes;
    const rows = await writeThreadViews(this.userId, this.index.doc, ids).catch(this.storageFailed);
    this.indexPending = false;
    if (!rows) {
      this.noteIndexChanges(changes); // written next time
      return this.refresh();
    }
    const states = await db.docState.bulkGet(rows.map((thread) => threadDocName(this.userId, thread.id)));
    for (const [i, thread] of rows.entries()) {
      if (thread.deletedAt !== null) {
        if (!this.dropped.has(thread.id)) {
          this.dropped.add(thread.id);
          this.wanted.delete(thread.id);
          await this.forgetThread(thread.id);
        }
        continue;
      }
      const known = states[i]?.knownUpdatedAt ?? -1;
      if (known < thread.updatedAt && !this.threads.get(thread.id)?.local.live) this.wanted.add(thread.id);
    }
    this.refresh();
    if (this.wanted.size > 0) void this.catchUp();
  }

  private async forgetThread(threadId: string): Promise<void> {
    const open = this.threads.get(threadId);
    if (open) {
      this.threads.delete(threadId);
      await open.local.destroy();
    }
    await dropStoredDoc(threadDocName(this.userId, threadId), threadId).catch(this.storageFailed);
  }

  // ---- open threads -----------------------------------------------------------

  /** True while the thread's doc is in memory (shown, or released less than a minute ago). */
  isOpen(threadId: string): boolean {
    return this.threads.has(threadId);
  }

  /**
   * The thread's doc if it is in memory and loaded, to show at once (a page arriving from the
   * home composer must take the next keystroke). Still call openThread to hold it.
   */
  loadedThread(threadId: string): LocalDoc | undefined {
    const open = this.threads.get(threadId);
    return open?.views ? open.local : undefined;
  }

  /** Opens a thread doc live (counted: call closeThread once per openThread). */
  async openThread(threadId: string): Promise<LocalDoc> {
    const existing = this.threads.get(threadId);
    if (existing) {
      clearTimeout(existing.closeTimer);
      existing.refs++;
      await existing.local.ready;
      return existing.local;
    }
    const name = threadDocName(this.userId, threadId);
    const local = new LocalDoc(name, this.storageFailed);
    const open: OpenThread = { local, refs: 1, lastTouch: 0 };
    this.threads.set(threadId, open);
    await local.ready;
    open.views = new MessageViews(this.userId, threadId, local.doc);
    onDocChange(local.doc, (transaction) => this.onThreadUpdate(threadId, open, transaction.origin));
    if (!this.dropped.has(threadId)) {
      const provider = local.connect(this.transport);
      this.watchProvider(provider);
      provider.on('sync', (synced: boolean) => {
        if (!synced) return;
        const updatedAt = readThread(this.index.doc, threadId)?.updatedAt;
        if (updatedAt) void updateDocState(name, { knownUpdatedAt: updatedAt }).catch(this.storageFailed);
      });
    }
    this.refresh();
    return local;
  }

  private onThreadUpdate(threadId: string, open: OpenThread, origin: unknown): void {
    if (origin !== open.local.provider) {
      // The change feed: bump the thread in the index so other devices know ([S14]).
      const now = Date.now();
      if (now - open.lastTouch > TOUCH_EVERY_MS) {
        open.lastTouch = now;
        touchThread(this.index.doc, threadId, now);
      }
    }
    // At most one view write per VIEW_DELAY_MS, also while a reply streams.
    open.viewTimer ??= setTimeout(() => {
      open.viewTimer = undefined;
      void open.views?.write().catch(this.storageFailed);
    }, VIEW_DELAY_MS);
  }

  /**
   * Releases a thread opened with openThread. The doc stays open and live for a minute
   * after the last release, so going back to a recent thread is instant.
   */
  async closeThread(threadId: string): Promise<void> {
    const open = this.threads.get(threadId);
    if (!open || --open.refs > 0) return;
    clearTimeout(open.closeTimer);
    open.closeTimer = setTimeout(() => void this.closeNow(threadId), KEEP_OPEN_MS);
  }

  private async closeNow(threadId: string): Promise<void> {
    const open = this.threads.get(threadId);
    if (!open || open.refs > 0) return;
    this.threads.delete(threadId);
    clearTimeout(open.closeTimer);
    clearTimeout(open.viewTimer);
    await open.views?.write().catch(this.storageFailed);
    open.views?.stop();
    await open.local.destroy();
    this.refresh();
  }

  // ---- batch catch-up ([S11]) ---------------------------------------------------

  /** Fetches changed threads and uploads offline changes; coalesces overlapping calls. */
  catchUp(): Promise<void> {
    if (this.catchingUp) {
      this.again = true;
      return this.catchingUp;
    }
    this.catchingUp = this.runCatchUp().finally(() => {
      this.catchingUp = null;
      this.refresh();
      if (this.again) {
        this.again = false;
        void this.catchUp();
      }
    });
    this.refresh();
    return this.catchingUp;
  }

  private async runCatchUp(): Promise<void> {
    clearTimeout(this.retryTimer);
    if (this.stopped || this.outdated) return;
    const unsent = (await db.unsent.toCollection().primaryKeys()).filter((name) => {
      const ref = parseDocName(name);
      return (
        ref?.kind === 'thread' &&
        ref.userId === this.userId && // another account's wait for it to sign in here again
        !this.threads.get(ref.threadId)?.local.live &&
        !this.dropped.has(ref.threadId)
      );
    });
    const dirty = (await db.docState.bulkGet(unsent)).map((state, i) => state ?? { doc: unsent[i]! });
    this.pendingUploads = dirty.length;
    if (!this.transport.isOnline()) return this.refresh();
    const updatedAt = new Map(listThreads(this.index.doc).map((t) => [t.id, t.updatedAt]));
    const targets = new Map<string, CatchUpTarget>();
    for (const threadId of this.wanted) {
      targets.set(threadId, {
        name: threadDocName(this.userId, threadId),
        threadId,
        updatedAt: updatedAt.get(threadId),
      });
    }
    for (const state of dirty) {
      const threadId = (parseDocName(state.doc) as { threadId: string }).threadId;
      targets.set(threadId, { name: state.doc, threadId, dirty: state, updatedAt: updatedAt.get(threadId) });
    }
    if (targets.size === 0) return;
    const list = [...targets.values()];
    try {
      await batchCatchUp(this.userId, list, {
        batch: (body) => this.transport.batch(body),
        gone: async (threadId) => {
          this.dropped.add(threadId);
          await this.forgetThread(threadId);
        },
        received: (threadId, update) => {
          // An open copy hears about it too (its provider may still be connecting).
          const open = this.threads.get(threadId);
          if (open) Y.applyUpdate(open.local.doc, update, open.local.provider);
        },
        progress: (done) => {
          for (const target of list.slice(0, done)) this.wanted.delete(target.threadId);
          this.pendingUploads = list.slice(done).filter((t) => t.dirty).length;
          this.refresh();
        },
      });
      // Deleted while the answers were being stored: forget what was just written.
      for (const target of list) {
        if (this.dropped.has(target.threadId)) await dropStoredDoc(target.name, target.threadId);
      }
      this.error = null;
      this.retryMs = 1000;
    } catch (error) {
      if (this.transport.isUnauthorized(error)) return this.onUnauthorized();
      if (this.transport.isUpgradeRequired(error)) return this.upgradeRequired();
      if (!this.transport.isNetworkError(error)) this.error = error instanceof Error ? error.message : String(error);
      this.retryTimer = setTimeout(() => void this.catchUp(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.indexTimer);
    for (const [id, open] of [...this.threads]) {
      open.refs = 0;
      await this.closeNow(id);
    }
    await this.index.destroy();
  }
}
