// Embeds the messages of the people who turned search by meaning on, in the background:
// newest first, a batch of chunks per request, one request at a time per person. Each
// batch's vectors are committed before the next request, so a restart resumes with what is
// left and nothing is embedded twice. A provider that fails stops the person's indexing
// with the reason (shown in Settings → Search) and tries again later; changing settings
// tries again at once. A changed model drops the old model's vectors first.
import type { Logger } from '../log/logger';
import { type Chunk, chunkText } from './chunks';
import type { EmbeddingRows, ToEmbed } from './embedding-rows';
import {
  type EmbeddingTarget,
  type EmbeddingTargets,
  embedTexts,
  explainEmbeddingFailure,
  worthRetrying,
} from './embedding-target';
import type { IndexStore } from './index-store';
import type { SearchSettingsStore } from './search-settings';
import { spaceOf } from './vector-store';

/** Inputs and characters per request: well inside every provider's limits. */
const BATCH_INPUTS = 64;
const BATCH_CHARS = 48_000;
const STALE_PER_TURN = 500;
/** Requests in flight at once on the whole server. */
const CONCURRENCY = 4;
const RETRY_FIRST_MS = 30_000;
const RETRY_MOST_MS = 10 * 60_000;

export interface EmbedderDeps {
  settings: SearchSettingsStore;
  targets: EmbeddingTargets;
  rows: () => EmbeddingRows;
  index: () => IndexStore;
  log: Logger;
  timeoutMs: number;
  /** Told of a database error (the index file may be damaged). */
  onFailure: (error: unknown) => void;
}

interface Failure {
  message: string;
  attempts: number;
  timer: NodeJS.Timeout;
}

interface Piece extends ToEmbed {
  text: string;
  chunks: Chunk[];
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

export class Embedder {
  private readonly waiting = new Set<string>();
  private readonly running = new Set<string>();
  private readonly failures = new Map<string, Failure>();
  private readonly calls = new Set<AbortController>();
  /** The space each person's vectors were last found all to be in (dropping stale ones scans them all). */
  private readonly clean = new Map<string, string>();
  private stopped = false;

  constructor(private readonly deps: EmbedderDeps) {}

  /** Starts on every person who has search by meaning on. */
  start(): void {
    for (const userId of this.deps.settings.usersWithMeaning()) this.poke(userId);
  }

  stop(): void {
    this.stopped = true;
    for (const call of this.calls) call.abort();
    for (const failure of this.failures.values()) clearTimeout(failure.timer);
  }

  /** Says the person may have messages to embed (unless their indexing is waiting to retry). */
  poke(userId: string): void {
    if (this.stopped || this.failures.has(userId) || !this.deps.settings.get(userId).meaning) return;
    this.waiting.add(userId);
    this.pump();
  }

  /** Forgets a failure and starts again at once (the person changed settings, or asked). */
  retryNow(userId: string): void {
    const failure = this.failures.get(userId);
    if (failure) clearTimeout(failure.timer);
    this.failures.delete(userId);
    this.poke(userId);
  }

  /** Why the person's indexing stopped, for people; null when it did not. */
  failureOf(userId: string): string | null {
    return this.failures.get(userId)?.message ?? null;
  }

  /** True while the person's messages are being embedded or wait their turn. */
  busy(userId: string): boolean {
    return this.running.has(userId) || this.waiting.has(userId);
  }

  private pump(): void {
    for (const userId of this.waiting) {
      if (this.running.size >= CONCURRENCY) return;
      if (this.running.has(userId)) continue;
      this.waiting.delete(userId);
      this.running.add(userId);
      void this.work(userId)
        .catch((error: unknown) => {
          this.deps.log.error('search by meaning failed to index', { userId, err: error });
          this.deps.onFailure(error);
        })
        .finally(() => {
          this.running.delete(userId);
          this.pump();
        });
    }
  }

  private async work(userId: string): Promise<void> {
    while (!this.stopped) {
      const settings = this.deps.settings.get(userId);
      if (!settings.meaning) return;
      const resolved = this.deps.targets.resolve(userId, settings.model);
      if (!resolved.ok) return this.fail(userId, resolved.reason, 1);
      const t = resolved.value;
      const rows = this.deps.rows();
      if (this.clean.get(userId) !== t.spaceKey) {
        if (rows.dropStale(userId, t.spaceKey, STALE_PER_TURN) > 0) {
          await nextTurn();
          continue;
        }
        // Once clean, it stays so: vectors are only ever made in the current space.
        this.clean.set(userId, t.spaceKey);
      }
      const batch = this.batch(userId, rows);
      if (batch.length === 0) return;
      const inputs = batch.flatMap((piece) => piece.chunks.map((c) => piece.text.slice(c.start, c.end)));
      const vectors = await this.embed(userId, t, inputs);
      if (!vectors) return;
      if (this.deps.settings.get(userId).model !== settings.model) continue;
      let next = 0;
      const embedded = batch.map((piece) => ({
        message: piece,
        chunks: piece.chunks.map((c) => ({ message: piece.id, start: c.start, end: c.end, vector: vectors[next++]! })),
      }));
      rows.store(t.spaceKey, spaceOf(userId, t.spaceKey), embedded);
      this.clearFailure(userId);
      await nextTurn();
    }
  }

  /** The next messages to embed, as many as fit one request (at least one). */
  private batch(userId: string, rows: EmbeddingRows): Piece[] {
    const batch: Piece[] = [];
    let inputs = 0;
    let chars = 0;
    for (const message of rows.pending(userId, BATCH_INPUTS)) {
      const text = this.deps.index().textOf(message.id) ?? '';
      const chunks = chunkText(text);
      const size = chunks.reduce((sum, c) => sum + c.end - c.start, 0);
      if (batch.length > 0 && (inputs + chunks.length > BATCH_INPUTS || chars + size > BATCH_CHARS)) break;
      batch.push({ ...message, text, chunks });
      inputs += chunks.length;
      chars += size;
    }
    return batch;
  }

  private async embed(userId: string, t: EmbeddingTarget, inputs: string[]): Promise<Float32Array[] | null> {
    if (inputs.length === 0) return [];
    const call = new AbortController();
    this.calls.add(call);
    try {
      return await embedTexts(t, inputs, this.deps.timeoutMs, call.signal);
    } catch (error) {
      if (this.stopped) return null;
      const attempts = (this.failures.get(userId)?.attempts ?? 0) + 1;
      const message = explainEmbeddingFailure(error, t, this.deps.timeoutMs);
      this.deps.log.warn('could not embed messages for search', { userId, provider: t.target.provider, message });
      this.fail(userId, message, worthRetrying(error) ? attempts : Number.POSITIVE_INFINITY);
      return null;
    } finally {
      this.calls.delete(call);
    }
  }

  /** Stops the person's indexing with `message`; tries again later (sooner for a passing trouble). */
  private fail(userId: string, message: string, attempts: number): void {
    const known = this.failures.get(userId);
    if (known) clearTimeout(known.timer);
    const wait = Math.min(RETRY_MOST_MS, RETRY_FIRST_MS * 2 ** Math.min(attempts - 1, 10));
    const timer = setTimeout(() => {
      this.failures.delete(userId);
      this.poke(userId);
    }, wait);
    timer.unref();
    this.failures.set(userId, { message, attempts: Number.isFinite(attempts) ? attempts : 1, timer });
  }

  private clearFailure(userId: string): void {
    const known = this.failures.get(userId);
    if (!known) return;
    clearTimeout(known.timer);
    this.failures.delete(userId);
  }
}
