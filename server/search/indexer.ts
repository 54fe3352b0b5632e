// Keeps the full-text index current with the thread docs, in the background. A loaded thread
// doc reports the messages each transaction touched (a device's edit, the AI runner's
// streamed tokens); they are written a moment later. The heavy work (reading and opening
// stored docs, decoding them, writing FTS5 and vec0 rows) runs on a worker thread with its
// own connections (index-worker.ts), so sync and replies never wait on the index: this side
// only decides what to index and hands it over in small batches. At start, and after the
// index file was lost, every doc whose stored change time differs from the one the index
// reflects is read again: a restart resumes where the last run stopped. A deleted chat's
// rows go at once, a deleted account's in the background.
import { Worker } from 'node:worker_threads';
import { listThreads } from '../../shared/docs/index-doc';
import { parseDocName, threadDocName } from '../../shared/docs/names';
import { listMessages, messageChanges, readMessage } from '../../shared/docs/thread-doc';
import type { DataKeys } from '../crypto/data-keys';
import type { Logger } from '../log/logger';
import type { DocRegistry } from '../sync/doc-registry';
import type { LiveDoc } from '../sync/live-doc';
import { errorOf, type FromWorker, type IndexJob, type JobResult, type ToWorker, toDocMessage } from './index-jobs';
import type { DocMessage, IndexStore } from './index-store';

/** What to do with a doc: read all of it, read the listed messages, or drop its rows. */
type Work = 'all' | 'remove' | Set<string>;

export interface IndexerOptions {
  /** How long changes gather before they are written (a streaming reply changes many times a second). */
  delayMs: number;
  /** Docs handed to the worker at a time; two batches are in flight, so it never waits for the next. */
  batch: number;
}

const DEFAULTS: IndexerOptions = { delayMs: 250, batch: 32 };
const IN_FLIGHT = 2;
/** A worker that stopped on its own is started again after this long. */
const RESTART_MS = 5000;

export interface IndexerDeps {
  dataDir: string;
  docs: DocRegistry;
  keys: DataKeys;
  index: () => IndexStore;
  log: Logger;
  /** Told after a user's messages were written (the embedder may have work). */
  onWritten: (userId: string) => void;
  /** Told when the index file turns out to be damaged. */
  onFailure: (error: unknown) => void;
}

export class Indexer {
  private readonly pending = new Map<string, Work>();
  /** The batches the worker has, oldest first (it answers them in order). */
  private readonly sent: [string, Work][][] = [];
  private reconciling = 0;
  private readonly watched = new WeakSet<LiveDoc>();
  private readonly idle: (() => void)[] = [];
  private worker: Worker | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly options: IndexerOptions;

  constructor(
    private readonly deps: IndexerDeps,
    options: Partial<IndexerOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Watches docs from now on, and queues every doc the index does not reflect yet. */
  start(): void {
    this.deps.docs.observe((live) => this.onDoc(live));
    this.spawn();
    this.reconcile();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    void this.worker?.terminate();
    this.worker = undefined;
  }

  /** A new index file: a new worker for it, and every doc read again. */
  restart(): void {
    if (this.stopped) return;
    const old = this.worker;
    this.worker = undefined;
    void old?.terminate();
    this.sent.length = 0;
    this.reconciling = 0;
    this.spawn();
    this.reconcile();
  }

  /** Docs waiting to be indexed. */
  get backlog(): number {
    return this.pending.size + this.sent.reduce((sum, batch) => sum + batch.length, 0);
  }

  /** Resolves once nothing is waiting (for benchmarks and shutdown). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private isIdle(): boolean {
    return this.pending.size === 0 && this.sent.length === 0 && this.reconciling === 0;
  }

  /** Asks the worker which stored docs the index does not reflect, and queues them. */
  reconcile(): void {
    this.reconciling++;
    this.post({ type: 'reconcile' });
  }

  /**
   * Removes every row of a deleted account, thread by thread in the background. Nobody can
   * search as that user any more; a restart finishes what a stop interrupted.
   */
  forgetUser(userId: string): void {
    for (const name of this.deps.index().docsOfUser(userId)) this.queue(name, 'remove');
    for (const name of this.pending.keys()) if (name.startsWith(`${userId}/`)) this.queue(name, 'remove');
  }

  private spawn(): void {
    const worker = new Worker(new URL('./index-worker.mjs', import.meta.url), {
      workerData: { dataDir: this.deps.dataDir },
    });
    worker.unref();
    worker.on('message', (message: FromWorker) => {
      if (this.worker === worker) this.onMessage(message);
    });
    worker.on('error', (error) => {
      if (this.worker === worker) this.deps.log.error('the search indexer stopped', { err: error });
    });
    worker.on('exit', () => {
      if (this.worker !== worker || this.stopped) return;
      // What it had not finished is done again by the next one.
      this.worker = undefined;
      for (const batch of this.sent.splice(0)) for (const [name, work] of batch) this.queue(name, work);
      this.reconciling = 0;
      setTimeout(() => {
        if (this.worker || this.stopped) return;
        this.spawn();
        this.reconcile();
      }, RESTART_MS).unref();
    });
    this.worker = worker;
  }

  private post(message: ToWorker): void {
    this.worker?.postMessage(message);
  }

  private onMessage(message: FromWorker): void {
    switch (message.type) {
      case 'log':
        this.deps.log[message.level](message.msg, message.fields);
        return;
      case 'failed':
        this.deps.log.error('the search indexer could not open the index file', { err: message.error });
        this.deps.onFailure(errorOf(message.error));
        return;
      case 'reconciled': {
        this.reconciling = Math.max(0, this.reconciling - 1);
        for (const name of message.changed) this.queue(name, 'all');
        for (const name of message.gone) this.queue(name, 'remove');
        if (message.changed.length || message.gone.length) {
          this.deps.log.info('search index catching up', { docs: message.changed.length, gone: message.gone.length });
        }
        this.settle();
        return;
      }
      case 'done':
        this.sent.shift();
        for (const result of message.results) this.onResult(result);
        this.dispatch();
        return;
      default:
        message satisfies never;
    }
  }

  private onResult(result: JobResult): void {
    if (result.error) {
      const error = errorOf(result.error);
      this.deps.log.error('could not index a thread', { doc: result.name, err: error });
      this.deps.onFailure(error);
    } else if (result.written > 0 && result.userId) {
      this.deps.onWritten(result.userId);
    }
  }

  private onDoc(live: LiveDoc): void {
    if (this.stopped) return;
    if (live.ref.kind === 'index') {
      this.dropDeleted(live);
      return;
    }
    if (live.ref.kind !== 'thread' || this.watched.has(live)) return;
    this.watched.add(live);
    live.doc.on('afterTransaction', (transaction) => {
      const { ids } = messageChanges(transaction);
      if (ids.size > 0) this.queue(live.name, new Set(ids));
    });
    if (this.deps.index().docUpdatedAt(live.name) !== this.deps.docs.store.updatedAt(live.name)) {
      this.queue(live.name, 'all');
    }
  }

  /**
   * Deleted chats leave the index at once, before their docs are even purged ([S12]): here,
   * not through the worker, so the next search already misses them. The worker checks
   * that a doc is still stored inside each write, so a batch it had cannot bring them back.
   */
  private dropDeleted(index: LiveDoc): void {
    for (const thread of listThreads(index.doc)) {
      if (thread.deletedAt === null) continue;
      const name = threadDocName(index.userId, thread.id);
      this.pending.delete(name);
      if (this.deps.index().docUpdatedAt(name) === undefined) continue;
      try {
        this.deps.index().removeDoc(name);
      } catch (error) {
        this.deps.log.error('could not remove a deleted chat from the search index', {
          userId: index.userId,
          err: error,
        });
        this.deps.onFailure(error);
      }
    }
  }

  private queue(name: string, work: Work): void {
    if (this.stopped) return;
    const known = this.pending.get(name);
    if (known === 'remove' || known === 'all') {
      if (work === 'remove') this.pending.set(name, 'remove');
    } else if (known && work instanceof Set) {
      for (const id of work) known.add(id);
    } else {
      this.pending.set(name, work);
    }
    // Hand over at once when the worker has nothing; changes gather while it works.
    if (this.sent.length === 0) this.timer ??= setTimeout(() => this.dispatch(), this.options.delayMs);
  }

  /** Hands the worker the next batches, while it has fewer than IN_FLIGHT. */
  private dispatch(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.stopped || !this.worker) return;
    while (this.sent.length < IN_FLIGHT && this.pending.size > 0) {
      const batch: [string, Work][] = [];
      const jobs: IndexJob[] = [];
      for (const [name, work] of this.pending) {
        this.pending.delete(name);
        batch.push([name, work]);
        try {
          jobs.push(this.jobFor(name, work));
        } catch (error) {
          this.deps.log.error('could not index a thread', { doc: name, err: error });
        }
        if (batch.length >= this.options.batch) break;
      }
      this.sent.push(batch);
      this.post({ type: 'jobs', jobs });
    }
    this.settle();
  }

  private settle(): void {
    if (this.isIdle()) for (const resolve of this.idle.splice(0)) resolve();
    else if (this.sent.length === 0 && this.pending.size > 0) this.timer ??= setTimeout(() => this.dispatch(), 0);
  }

  /** What the worker is to do with a doc; a doc in memory is read here (it may hold more than the store). */
  private jobFor(name: string, work: Work): IndexJob {
    const ref = parseDocName(name);
    const { store } = this.deps.docs;
    const updatedAt = store.updatedAt(name);
    if (work === 'remove' || ref?.kind !== 'thread' || updatedAt === undefined || store.isPurged(name)) {
      return { kind: 'remove', name };
    }
    const { userId, threadId } = ref;
    const live = this.deps.docs.peek(name);
    // A copy of the key, not the cached Buffer: that may be a view of a shared pool.
    if (!live) return { kind: 'load', name, userId, threadId, key: Uint8Array.from(this.deps.keys.keyFor(userId)) };
    if (work === 'all') {
      const messages = listMessages(live.doc).map(toDocMessage);
      return { kind: 'write', name, userId, threadId, messages, complete: true, gone: [], updatedAt };
    }
    const messages: DocMessage[] = [];
    const gone: string[] = [];
    for (const id of work) {
      const message = readMessage(live.doc, id);
      if (message) messages.push(toDocMessage(message));
      else gone.push(id);
    }
    return { kind: 'write', name, userId, threadId, messages, complete: false, gone, updatedAt };
  }
}
