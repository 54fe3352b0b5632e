// The "by meaning" half of a query: the query is embedded with the person's model (through
// the same guarded client as indexing, within a short timeout), and the nearest chunks of
// their own vectors in that model's space are looked up in sqlite-vec. Whatever goes wrong
// with the provider comes back as a reason, never as an error: search then runs by words.
import { type EmbeddingTarget, embedTexts, explainEmbeddingFailure, type ResolvedTarget } from './embedding-target';
import { LruCache } from './lru-cache';
import type { IndexFile } from './server-search';
import { plainSnippet, type Snippet } from './snippet';
import { isWordlike } from './text-prep';
import { spaceOf } from './vector-store';

export interface MeaningHit extends Snippet {
  row: number;
  threadId: string;
  messageId: string;
}

export interface MeaningAnswer {
  hits: MeaningHit[];
  /** Why meaning could not be used for this query, for people. */
  unavailable?: string;
}

/** A search waits at most this long for the query's embedding. */
const QUERY_TIMEOUT_MS = 5000;
/** Chunks farther than this (cosine distance; 1 is unrelated) are not offered as meaning the same. */
const MAX_DISTANCE = 0.75;
/** Query vectors kept, so typing the same words again costs nothing. */
const CACHED_QUERIES = 500;

const wordsOnly = (reason: string) => `Found by words only: ${reason}`;

export class MeaningSearch {
  private readonly cache = new LruCache<string, Float32Array>(CACHED_QUERIES);
  private readonly timeoutMs: number;

  constructor(
    private readonly file: () => IndexFile,
    timeoutMs: number,
  ) {
    this.timeoutMs = Math.min(timeoutMs, QUERY_TIMEOUT_MS);
  }

  /** The user's `k` messages nearest in meaning to `query`; never rejects. */
  async find(resolved: ResolvedTarget, userId: string, query: string, k: number): Promise<MeaningAnswer> {
    if (!isWordlike(query)) return { hits: [] };
    if (!resolved.ok) return { hits: [], unavailable: wordsOnly(resolved.reason) };
    const t = resolved.value;
    let vector: Float32Array;
    try {
      vector = await this.vectorOf(t, query.trim());
    } catch (error) {
      return { hits: [], unavailable: wordsOnly(explainEmbeddingFailure(error, t, this.timeoutMs)) };
    }
    const { vectors, index } = this.file();
    const hits: MeaningHit[] = [];
    const seen = new Set<number>();
    for (const chunk of vectors.nearest(spaceOf(userId, t.spaceKey), vector, k)) {
      if (chunk.distance > MAX_DISTANCE || hits.length >= k) break;
      if (seen.has(chunk.message)) continue;
      seen.add(chunk.message);
      const ref = index.refOf(chunk.message, userId);
      if (!ref) continue;
      hits.push({
        row: chunk.message,
        ...ref,
        ...plainSnippet(index.textOf(chunk.message) ?? '', chunk.start, chunk.end),
      });
    }
    return { hits };
  }

  private async vectorOf(t: EmbeddingTarget, query: string): Promise<Float32Array> {
    const key = `${t.target.provider}\n${t.target.baseURL}\n${t.spaceKey}\n${query}`;
    const known = this.cache.get(key);
    if (known) return known;
    const [vector] = await embedTexts(t, [query], this.timeoutMs);
    this.cache.set(key, vector!);
    return vector!;
  }
}
