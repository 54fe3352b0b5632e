// The index's bookkeeping for search by meaning: which messages still need vectors in a
// user's current embedding space, which hold vectors of another (to drop), and progress.
// A message is marked embedded only if its text is still the text that was embedded.
import type { SearchDb } from './search-db';
import type { ChunkToStore, VectorStore } from './vector-store';

export interface ToEmbed {
  id: number;
  hash: string;
}

export interface EmbeddingProgress {
  /** Messages whose text is final. */
  total: number;
  /** Of those, embedded in the space asked about. */
  indexed: number;
  /** Characters of text in the messages not embedded yet. */
  pendingChars: number;
}

export class EmbeddingRows {
  private readonly q;

  constructor(
    private readonly db: SearchDb,
    private readonly vectors: VectorStore,
  ) {
    this.q = {
      pending: db.prepare<[string, number], ToEmbed>(
        `SELECT id, hash FROM messages WHERE user_id = ? AND final = 1 AND embedded IS NULL
         ORDER BY id DESC LIMIT ?`,
      ),
      stale: db
        .prepare<[string, string, number], number>(
          'SELECT id FROM messages WHERE user_id = ? AND embedded IS NOT NULL AND embedded != ? LIMIT ?',
        )
        .pluck(),
      clear: db.prepare<[number]>('UPDATE messages SET embedded = NULL WHERE id = ?'),
      mark: db.prepare<[string, number, string]>(
        'UPDATE messages SET embedded = ? WHERE id = ? AND hash = ? AND final = 1 AND embedded IS NULL',
      ),
      totals: db.prepare<[string], { count: number; chars: number | null }>(
        'SELECT count(*) AS count, sum(chars) AS chars FROM messages WHERE user_id = ? AND final = 1',
      ),
      done: db.prepare<[string, string], { count: number; chars: number | null }>(
        'SELECT count(*) AS count, sum(chars) AS chars FROM messages WHERE user_id = ? AND final = 1 AND embedded = ?',
      ),
    };
  }

  /** Up to `limit` messages of the user without vectors, newest first. */
  pending(userId: string, limit: number): ToEmbed[] {
    return this.q.pending.all(userId, limit);
  }

  /**
   * Drops up to `limit` messages' vectors made in another space than `space` (the person
   * changed model), so they are embedded again. Returns how many it dropped.
   */
  dropStale(userId: string, space: string, limit: number): number {
    return this.db
      .transaction(() => {
        const ids = this.q.stale.all(userId, space, limit);
        for (const id of ids) {
          this.vectors.removeFor(id);
          this.q.clear.run(id);
        }
        return ids.length;
      })
      .immediate();
  }

  /**
   * Stores the vectors of a batch of messages in one transaction, marking each embedded in
   * `spaceKey`, except those whose text changed (or that were removed) while the provider
   * worked. Returns how many were stored.
   */
  store(spaceKey: string, partition: string, batch: { message: ToEmbed; chunks: ChunkToStore[] }[]): number {
    return this.db
      .transaction(() => {
        let stored = 0;
        for (const { message, chunks } of batch) {
          if (this.q.mark.run(spaceKey, message.id, message.hash).changes === 0) continue;
          this.vectors.add(partition, chunks);
          stored++;
        }
        return stored;
      })
      .immediate();
  }

  progress(userId: string, spaceKey: string): EmbeddingProgress {
    const all = this.q.totals.get(userId) ?? { count: 0, chars: 0 };
    const done = this.q.done.get(userId, spaceKey) ?? { count: 0, chars: 0 };
    return { total: all.count, indexed: done.count, pendingChars: (all.chars ?? 0) - (done.chars ?? 0) };
  }
}
