// Keeps the full-text index current with the thread docs, in the background. A loaded thread
// doc reports the messages each transaction touched (a device's edit, the AI runner's
// streamed tokens); they are written a moment later, in slices of a few milliseconds, so
// sync and replies never wait on the index. At start, and after the index file was lost,
// every doc whose stored change time differs from the one the index reflects is read again:
// a restart resumes where the last run stopped. A deleted chat's rows go at once, a deleted
// account's in the background.
import * as Y from 'yjs';
import { listThreads } from '../../shared/docs/index-doc';
import { parseDocName, threadDocName } from '../../shared/docs/names';
import { listMessages, type Message, messageChanges, readMessage } from '../../shared/docs/thread-doc';
import type { Logger } from '../log/logger';
import type { DocRegistry } from '../sync/doc-registry';
import type { LiveDoc } from '../sync/live-doc';
import type { DocMessage, IndexStore } from './index-store';

/** What to do with a doc: read all of it, read the listed messages, or drop its rows. */
type Work = 'all' | 'remove' | Set<string>;

export interface IndexerOptions {
  /** How long changes gather before they are written (a streaming reply changes many times a second). */
  delayMs: number;
  /** The longest the indexer works before it yields to other work. */
  sliceMs: number;
}

const DEFAULTS: IndexerOptions = { delayMs: 250, sliceMs: 8 };
const UNFINISHED = new Set(['queued', 'streaming', 'cancel']);

const toDocMessage = (m: Message): DocMessage => ({
  id: m.id,
  role: m.role,
  createdAt: m.createdAt,
  text: m.text,
  final: !UNFINISHED.has(m.status),
});

export class Indexer {
  private readonly pending = new Map<string, Work>();
  private readonly watched = new WeakSet<LiveDoc>();
  private readonly idle: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly options: IndexerOptions;

  constructor(
    private readonly docs: DocRegistry,
    private readonly index: () => IndexStore,
    private readonly log: Logger,
    /** Told after a user's messages were written (the embedder may have work). */
    private readonly onWritten: (userId: string) => void,
    /** Told when the index file turns out to be damaged. */
    private readonly onFailure: (error: unknown) => void,
    options: Partial<IndexerOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Watches docs from now on, and queues every doc the index does not reflect yet. */
  start(): void {
    this.docs.observe((live) => this.onDoc(live));
    this.reconcile();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Docs waiting to be indexed. */
  get backlog(): number {
    return this.pending.size;
  }

  /** Resolves once nothing is waiting (for benchmarks and shutdown). */
  whenIdle(): Promise<void> {
    if (this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Compares the stored docs with what the index reflects and queues the difference, newest first. */
  reconcile(): void {
    const indexed = this.index().indexedDocs();
    let queued = 0;
    for (const { name, updatedAt } of this.docs.store.listed()) {
      if (parseDocName(name)?.kind !== 'thread') continue;
      const at = indexed.get(name);
      indexed.delete(name);
      if (at !== updatedAt) {
        this.queue(name, 'all');
        queued++;
      }
    }
    for (const name of indexed.keys()) this.queue(name, 'remove');
    if (queued || indexed.size) this.log.info('search index catching up', { docs: queued, gone: indexed.size });
  }

  /**
   * Removes every row of a deleted account, thread by thread in the background (a large
   * account would hold the event loop for seconds in one go). Nobody can search as that
   * user any more; a restart finishes what a stop interrupted.
   */
  forgetUser(userId: string): void {
    for (const name of this.index().docsOfUser(userId)) this.queue(name, 'remove');
    for (const name of this.pending.keys()) if (name.startsWith(`${userId}/`)) this.queue(name, 'remove');
  }

  private onDoc(live: LiveDoc): void {
    if (this.stopped) return;
    if (live.ref.kind === 'index') {
      this.dropDeleted(live);
      return;
    }
    if (live.ref.kind !== 'thread' || this.watched.has(live)) return;
    this.watched.add(live);
    live.doc.on('afterTransaction', (transaction: Y.Transaction) => {
      const { ids } = messageChanges(transaction);
      if (ids.size > 0) this.queue(live.name, new Set(ids));
    });
    if (this.index().docUpdatedAt(live.name) !== this.docs.store.updatedAt(live.name)) this.queue(live.name, 'all');
  }

  /** Deleted chats leave the index at once, before their docs are even purged ([S12]). */
  private dropDeleted(index: LiveDoc): void {
    for (const thread of listThreads(index.doc)) {
      if (thread.deletedAt === null) continue;
      const name = threadDocName(index.userId, thread.id);
      this.pending.delete(name);
      if (this.index().docUpdatedAt(name) === undefined) continue;
      try {
        this.index().removeDoc(name);
      } catch (error) {
        this.log.error('could not remove a deleted chat from the search index', { userId: index.userId, err: error });
        this.onFailure(error);
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
    this.timer ??= setTimeout(() => this.run(), this.options.delayMs);
  }

  private run(): void {
    this.timer = undefined;
    if (this.stopped) return;
    const deadline = performance.now() + this.options.sliceMs;
    for (const [name, work] of this.pending) {
      this.pending.delete(name);
      try {
        this.apply(name, work);
      } catch (error) {
        this.log.error('could not index a thread', { doc: name, err: error });
        this.onFailure(error);
      }
      if (performance.now() >= deadline) break;
    }
    if (this.pending.size > 0) {
      this.timer = setTimeout(() => this.run(), 0);
      return;
    }
    for (const resolve of this.idle.splice(0)) resolve();
  }

  private apply(name: string, work: Work): void {
    const ref = parseDocName(name);
    const updatedAt = this.docs.store.updatedAt(name);
    if (work === 'remove' || ref?.kind !== 'thread' || updatedAt === undefined || this.docs.store.isPurged(name)) {
      this.index().removeDoc(name);
      return;
    }
    const key = { name, userId: ref.userId, threadId: ref.threadId };
    const live = this.docs.peek(name);
    const doc = live?.doc ?? new Y.Doc();
    try {
      if (!live) {
        const state = this.docs.stateOf(ref);
        if (state) Y.applyUpdate(doc, state);
      }
      let written: number;
      if (work === 'all' || !live) {
        written = this.index().writeThread(key, listMessages(doc).map(toDocMessage), { complete: true, updatedAt });
      } else {
        const found: DocMessage[] = [];
        const gone: string[] = [];
        for (const id of work) {
          const message = readMessage(doc, id);
          if (message) found.push(toDocMessage(message));
          else gone.push(id);
        }
        written = this.index().writeThread(key, found, { complete: false, gone, updatedAt });
      }
      if (written > 0) this.onWritten(ref.userId);
    } finally {
      if (!live) doc.destroy();
    }
  }
}
