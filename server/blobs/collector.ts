// Garbage collection of blobs: a user's blob that none of their thread docs refers to any
// more (no message, on any branch, and no draft) is removed. Two occasions:
// - A chat is deleted: once its doc is purged ([S12]), the blobs it referred to go, unless
//   another of the user's docs refers to them or a device confirmed them (PUT or HEAD) since.
// - A sweep 10 minutes after start, then every 6 hours: any blob nothing refers to goes
//   once it is older than the grace period (24 hours). Younger ones stay, because a
//   device uploads a file when it is attached, before the message (or draft) that refers
//   to it reaches the server. Unfinished uploads untouched for the grace period go too,
//   and so do the files of accounts that no longer exist.
// A device refers to a blob only after storing or confirming it, which makes it young again;
// a blob removed all the same (a race of seconds) is uploaded again by the device that has it.
import * as Y from 'yjs';
import { parseDocName } from '../../shared/docs/names';
import { threadBlobRefs } from '../../shared/docs/thread-doc';
import type { Logger } from '../log/logger';
import type { DocRegistry } from '../sync/doc-registry';
import type { BlobStore, StoredBlob } from './blob-store';

export const BLOB_GRACE_MS = 24 * 60 * 60 * 1000;
const SWEEP_EVERY_MS = 6 * 60 * 60 * 1000;
/** The first sweep after a start: a server restarted more often than SWEEP_EVERY_MS still sweeps. */
const FIRST_SWEEP_MS = 10 * 60 * 1000;

export interface SweepReport {
  users: number;
  blobsRemoved: number;
  unfinishedRemoved: number;
}

export interface CollectorDeps {
  store: BlobStore;
  docs: DocRegistry;
  userExists: (userId: string) => boolean;
  log: Logger;
  now: () => number;
}

/** Blobs a deleted chat referred to, and when it was deleted. */
interface Deleted {
  refs: Set<string>;
  at: number;
}

const nextTick = () => new Promise((resolve) => setImmediate(resolve));

/** The blobs a stored thread doc refers to. */
export function blobRefsOfState(state: Uint8Array | null): Set<string> {
  if (!state) return new Set();
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return threadBlobRefs(doc);
  } finally {
    doc.destroy();
  }
}

export class BlobCollector {
  /** Sweeps run one at a time, in order. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(private readonly deps: CollectorDeps) {}

  start(): void {
    const sweep = () => void this.sweepAll().catch(() => {});
    this.timers.push(setTimeout(sweep, FIRST_SWEEP_MS), setInterval(sweep, SWEEP_EVERY_MS));
    for (const timer of this.timers) timer.unref();
  }

  /** Stops the timer and waits for a running sweep to end. */
  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    await this.queue;
  }

  /** A thread doc was purged: its blobs that nothing else refers to go (see the header). */
  threadPurged(userId: string, refs: Set<string>): void {
    if (refs.size === 0) return;
    const deleted = { refs, at: this.deps.now() };
    void this.enqueue(() => this.sweepUser(userId, deleted));
  }

  /** Sweeps every user's blobs now (the timer calls this). */
  sweepAll(): Promise<SweepReport> {
    return this.enqueue(async () => {
      const report: SweepReport = { users: 0, blobsRemoved: 0, unfinishedRemoved: 0 };
      for (const userId of await this.deps.store.users()) {
        report.users++;
        if (!this.deps.userExists(userId)) {
          await this.deps.store.deleteUser(userId);
          this.deps.log.info('removed the files of an account that no longer exists', { userId });
          continue;
        }
        const swept = await this.sweepUser(userId);
        report.blobsRemoved += swept.blobsRemoved;
        report.unfinishedRemoved += swept.unfinishedRemoved;
      }
      return report;
    });
  }

  private enqueue<T>(sweep: () => Promise<T>): Promise<T> {
    const run = this.queue.then(sweep);
    this.queue = run.catch((error) => this.deps.log.error('a blob sweep failed; the next one retries', { err: error }));
    return run;
  }

  private async sweepUser(userId: string, deleted?: Deleted): Promise<Omit<SweepReport, 'users'>> {
    const { store, log } = this.deps;
    const oldBefore = this.deps.now() - BLOB_GRACE_MS;
    let unfinishedRemoved = 0;
    if (!deleted) {
      for (const upload of await store.listUnfinished(userId)) {
        if (upload.updatedAt < oldBefore && (await store.discardUnfinished(userId, upload.sha256))) unfinishedRemoved++;
      }
    }
    const removable = (blob: StoredBlob) =>
      blob.storedAt < oldBefore || (deleted?.refs.has(blob.sha256) === true && blob.storedAt <= deleted.at);
    const candidates = (await store.list(userId)).filter(removable);
    if (candidates.length === 0) return { blobsRemoved: 0, unfinishedRemoved };
    const referenced = await this.referenced(userId);
    // Read again: a blob a device confirmed while the docs were read stays.
    const current = new Map((await store.list(userId)).map((blob) => [blob.sha256, blob]));
    let blobsRemoved = 0;
    for (const { sha256 } of candidates) {
      const blob = current.get(sha256);
      if (referenced.has(sha256) || !blob || !removable(blob)) continue;
      await store.delete(userId, sha256);
      blobsRemoved++;
    }
    if (blobsRemoved + unfinishedRemoved > 0)
      log.info('removed unused files', { userId, blobsRemoved, unfinishedRemoved });
    return { blobsRemoved, unfinishedRemoved };
  }

  /** Every blob the user's thread docs refer to, read one doc at a time. */
  private async referenced(userId: string): Promise<Set<string>> {
    const { docs } = this.deps;
    const refs = new Set<string>();
    for (const name of docs.store.namesOf(userId)) {
      const ref = parseDocName(name);
      if (ref?.kind !== 'thread') continue;
      for (const sha256 of blobRefsOfState(docs.stateOf(ref))) refs.add(sha256);
      await nextTick();
    }
    return refs;
  }
}
