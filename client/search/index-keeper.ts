// Keeps the device's search index in step with the messages and chats this device stores,
// inside the search worker: read back from the device when a stored copy of this version is
// there (else built from every message), then fed each write to the messages view from the
// change log (message-changes.ts, any tab) and each change to the chat list, and stored
// again a moment after changes stop.
import { liveQuery, type Subscription } from 'dexie';
import { db, type ThreadRow } from '../db/hearth-db';
import { DeviceIndex, INDEX_VERSION } from './device-index';
import { collectHits, type DeviceHits, type HitRow } from './hits';
import { IndexBuilder } from './index-builder';
import { countBuild, readStoredIndex, storedState, storeIndex } from './index-store';
import type { IndexStatus } from './protocol';
import { parseQuery } from './query';

/** Rows of a catch-up indexed between two pauses, so searches and changes get a turn. */
const BUILD_CHUNK = 500;
/** Rows read at a time while building. */
const BUILD_READ = 2000;
/** Store the index this long after the last change… */
const STORE_AFTER_MS = 2000;
/**
 * …or this long after the first unstored one, while changes keep coming (a long reply):
 * storing costs a moment of the worker's time, and the change log keeps what is not stored.
 */
const STORE_AT_MOST_EVERY_MS = 60_000;

const pause = () => new Promise((resolve) => setTimeout(resolve));

export class IndexKeeper {
  private index = DeviceIndex.empty();
  /** The last message change taken in. */
  private seq = 0;
  private readonly deleted = new Set<string>();
  private status: IndexStatus = { state: 'loading', size: 0, version: 0 };
  /** Changes are taken in one batch at a time, in order. */
  private work: Promise<void> = Promise.resolve();
  private subscriptions: Subscription[] = [];
  private storeTimer: ReturnType<typeof setTimeout> | undefined;
  private firstUnstored = 0;

  constructor(
    private readonly userId: string,
    private readonly onStatus: (status: IndexStatus) => void,
  ) {}

  async start(): Promise<void> {
    const began = performance.now();
    try {
      const stored = await readStoredIndex(this.userId, INDEX_VERSION);
      if (stored) {
        this.index = DeviceIndex.fromJSON(stored.json);
        this.seq = stored.seq;
        this.update({ state: 'ready', source: 'stored', readyMs: performance.now() - began });
      } else {
        await this.build(began);
      }
    } catch (error) {
      return this.fail(error);
    }
    this.subscriptions.push(
      liveQuery(() => db.threads.where('userId').equals(this.userId).toArray()).subscribe({
        next: (threads) => this.queue(() => this.takeThreads(threads)),
        error: (error: unknown) => this.fail(error),
      }),
      // Wakes on any change to the log, from this tab or another (Dexie broadcasts them).
      liveQuery(() => db.messageChanges.toCollection().lastKey()).subscribe({
        next: () => this.queue(() => this.takeChanges()),
        error: (error: unknown) => this.fail(error),
      }),
    );
  }

  stop(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    clearTimeout(this.storeTimer);
  }

  /** The hits for `input`, from what is indexed so far. */
  async search(input: string, limit: number): Promise<DeviceHits> {
    const query = parseQuery(input);
    const candidates = this.index.search(query, (threadId) => !this.deleted.has(threadId));
    return collectHits(
      candidates,
      query,
      {
        readRows: async (ids) =>
          (await db.messages.bulkGet(ids)).map((row): HitRow | undefined =>
            row?.userId === this.userId ? row : undefined,
          ),
        titleOf: (threadId) => this.index.titleOf(threadId),
      },
      limit,
    );
  }

  // ---- building -----------------------------------------------------------------

  /**
   * Indexes every message of this user, then stores the index: its stored form is what the
   * index is read from, so the build costs no serialising on top (index-builder.ts). Ready
   * before it is stored: `began` (the worker's start, on the first build) times that.
   */
  private async build(began?: number): Promise<void> {
    await countBuild(this.userId);
    this.update({ state: 'building', source: 'built' });
    // The messages as of the last change logged, or newer (changes after it apply on top again).
    const [seq, ids, threads] = await db.transaction('r', [db.messages, db.messageChanges, db.threads], async () => {
      const last = await db.messageChanges.toCollection().lastKey();
      return [
        typeof last === 'number' ? last : 0,
        await db.messages.where('userId').equals(this.userId).primaryKeys(),
        await db.threads.where('userId').equals(this.userId).toArray(),
      ] as const;
    });
    const builder = new IndexBuilder();
    for (const thread of threads) {
      if (thread.deletedAt !== null) this.deleted.add(thread.id);
      else builder.addTitle(thread.id, thread.title);
    }
    // The next rows are read while these are indexed; searches get their turn while they
    // are read (answered from the index there was, if any), changes wait in the queue.
    const read = (at: number) => db.messages.bulkGet(ids.slice(at, at + BUILD_READ));
    let next = read(0);
    for (let at = 0; at < ids.length; at += BUILD_READ) {
      const rows = await next;
      if (at + BUILD_READ < ids.length) next = read(at + BUILD_READ);
      for (const row of rows) if (row?.userId === this.userId) builder.addMessage(row.id, row.threadId, row.text);
      this.update({ size: builder.size });
    }
    const json = builder.toJSON();
    this.index = DeviceIndex.fromJSON(json);
    this.seq = seq;
    this.update({ state: 'ready', ...(began === undefined ? {} : { readyMs: performance.now() - began }) });
    await storeIndex(this.userId, INDEX_VERSION, this.seq, json);
  }

  // ---- following changes ------------------------------------------------------------

  private queue(step: () => Promise<void>): void {
    this.work = this.work.then(step).catch((error: unknown) => this.fail(error));
  }

  private async takeChanges(): Promise<void> {
    const changes = await db.messageChanges.where('seq').above(this.seq).toArray();
    const first = changes[0]?.seq;
    if (first === undefined) return;
    // Another tab stored a newer index and let go of changes this one had not taken in yet.
    const stored = await storedState(this.userId);
    if (first > this.seq + 1 && stored && stored.version === INDEX_VERSION && stored.seq > this.seq) {
      const again = await readStoredIndex(this.userId, INDEX_VERSION);
      if (again) {
        this.index = DeviceIndex.fromJSON(again.json);
        this.seq = again.seq;
        return this.takeChanges();
      }
    }
    if (changes.some((change) => change.all)) {
      await this.build(); // the view was cleared: every message may have changed
      return;
    }
    const ids = [...new Set(changes.flatMap((change) => change.ids ?? []))];
    // A catch-up writes thousands at once: a chunk at a time, so searches get a turn.
    for (let at = 0; at < ids.length; at += BUILD_CHUNK) {
      const chunk = ids.slice(at, at + BUILD_CHUNK);
      const rows = await db.messages.bulkGet(chunk);
      chunk.forEach((id, i) => {
        const row = rows[i];
        if (row?.userId === this.userId) this.index.setMessage(id, row.threadId, row.text);
        else this.index.removeMessage(id);
      });
      if (at + BUILD_CHUNK < ids.length) await pause();
    }
    this.seq = changes.at(-1)!.seq!;
    this.changed();
  }

  private async takeThreads(threads: ThreadRow[]): Promise<void> {
    if (this.takeTitles(threads)) this.changed();
  }

  /** Indexes the titles that changed and forgets deleted chats; true when anything changed. */
  private takeTitles(threads: readonly ThreadRow[]): boolean {
    let changed = false;
    for (const thread of threads) {
      if (thread.deletedAt !== null) {
        this.deleted.add(thread.id);
        if (this.index.titleOf(thread.id) !== undefined) {
          this.index.removeTitle(thread.id);
          changed = true;
        }
      } else if (this.index.titleOf(thread.id) !== thread.title) {
        this.index.setTitle(thread.id, thread.title);
        changed = true;
      }
    }
    return changed;
  }

  private changed(): void {
    this.update({});
    const now = Date.now();
    if (this.storeTimer === undefined) this.firstUnstored = now;
    clearTimeout(this.storeTimer);
    const wait = Math.min(STORE_AFTER_MS, Math.max(0, this.firstUnstored + STORE_AT_MOST_EVERY_MS - now));
    this.storeTimer = setTimeout(() => {
      this.storeTimer = undefined;
      this.queue(() => this.store());
    }, wait);
  }

  private async store(): Promise<void> {
    const stored = await storeIndex(this.userId, INDEX_VERSION, this.seq, this.index.toJSON());
    if (!stored) this.queue(() => this.takeChanges());
  }

  // ---- status -------------------------------------------------------------------

  private update(patch: Partial<IndexStatus>): void {
    this.status = { ...this.status, size: this.index.size, ...patch, version: this.status.version + 1 };
    this.onStatus(this.status);
  }

  private fail(error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    this.update({ state: 'failed', error: `Search on this device stopped working: ${reason}` });
  }
}
