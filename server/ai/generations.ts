// An index of the replies the server has taken on and not finished, in SQLite, so that a
// restart reopens their docs at once. It decides nothing: each reply's status in its thread
// doc is the truth, and a restart also finds any reply this index misses by reading the
// docs (recover.ts). Finished replies leave the table.
import type { Db } from '../db/open';

export type GenerationState = 'queued' | 'streaming';

export interface GenerationRow {
  docName: string;
  messageId: string;
  userId: string;
  state: GenerationState;
}

export class GenerationLog {
  private readonly q;

  constructor(db: Db) {
    this.q = {
      upsert: db.prepare(
        `INSERT INTO generations (doc_name, message_id, user_id, state, model, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (doc_name, message_id) DO UPDATE SET state = excluded.state,
           model = coalesce(excluded.model, model), updated_at = excluded.updated_at`,
      ),
      remove: db.prepare('DELETE FROM generations WHERE doc_name = ? AND message_id = ?'),
      unfinished: db.prepare<[], GenerationRow>(
        `SELECT doc_name AS docName, message_id AS messageId, user_id AS userId, state
         FROM generations ORDER BY created_at`,
      ),
    };
  }

  /** Records that a reply waits for its turn (`queued`) or is being written (`streaming`). */
  mark(row: GenerationRow, model: string | null = null, now = Date.now()): void {
    this.q.upsert.run(row.docName, row.messageId, row.userId, row.state, model, now, now);
  }

  remove(docName: string, messageId: string): void {
    this.q.remove.run(docName, messageId);
  }

  /** Every reply left unfinished, oldest first. */
  unfinished(): GenerationRow[] {
    return this.q.unfinished.all();
  }
}
