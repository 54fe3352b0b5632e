// Usage events: requests and tokens per user, UTC day and model, kept as one counter row
// per (user, day, model) so the usage chart reads a few rows, not one per reply.
import type { UsageResponse, UsageRow } from '../../shared/api/usage';
import type { Usage } from '../../shared/docs/thread-doc';
import type { Db } from '../db/open';

const DAY_MS = 86_400_000;

/** The UTC day of a time, YYYY-MM-DD. */
export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export class UsageStore {
  private readonly q;

  constructor(db: Db) {
    this.q = {
      add: db.prepare(
        `INSERT INTO usage_events (user_id, day, model, requests, input_tokens, output_tokens) VALUES (?, ?, ?, 1, ?, ?)
         ON CONFLICT (user_id, day, model) DO UPDATE SET requests = requests + 1,
           input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens`,
      ),
      since: db.prepare<[string, string], UsageRow>(
        `SELECT day, model, requests, input_tokens AS inputTokens, output_tokens AS outputTokens
         FROM usage_events WHERE user_id = ? AND day >= ? ORDER BY day, model`,
      ),
    };
  }

  /** Counts one request to `model` (a stored model id) with the tokens it used (0 when unknown). */
  record(userId: string, model: string, usage: Usage | null, at = Date.now()): void {
    this.q.add.run(userId, utcDay(at), model, usage?.inputTokens ?? 0, usage?.outputTokens ?? 0);
  }

  /** The last `days` UTC days, today included. */
  query(userId: string, days: number, now = Date.now()): UsageResponse {
    const from = utcDay(now - (days - 1) * DAY_MS);
    return { from, to: utcDay(now), rows: this.q.since.all(userId, from) };
  }
}
