// Each person's search settings: whether search by meaning is on, and with which embedding
// model. A server setting, not one in the synced index doc: only the server acts on it, for
// people whose docs are not even loaded; turning it on spends money through keys only the
// server holds, so it is checked against them when it is set; and Settings shows the
// server's progress beside it. In hearth.db: the index file may be deleted and rebuilt, and
// a person's choice must not go with it.
import { DEFAULT_EMBEDDING_MODEL } from '../../shared/ai/embedding-models';
import type { Db } from '../db/open';

export interface SearchSettings {
  meaning: boolean;
  /** Embedding model id, `<provider>/<model>`. */
  model: string;
}

const OFF: SearchSettings = { meaning: false, model: DEFAULT_EMBEDDING_MODEL };

export class SearchSettingsStore {
  private readonly q;

  constructor(db: Db) {
    this.q = {
      get: db.prepare<[string], { meaning: number; model: string }>(
        'SELECT meaning, model FROM search_settings WHERE user_id = ?',
      ),
      put: db.prepare<[string, number, string, number]>(
        `INSERT INTO search_settings (user_id, meaning, model, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (user_id) DO UPDATE SET meaning = excluded.meaning, model = excluded.model,
           updated_at = excluded.updated_at`,
      ),
      meaningOn: db.prepare<[], string>('SELECT user_id FROM search_settings WHERE meaning = 1').pluck(),
    };
  }

  get(userId: string): SearchSettings {
    const row = this.q.get.get(userId);
    return row ? { meaning: row.meaning === 1, model: row.model } : OFF;
  }

  put(userId: string, settings: SearchSettings, now = Date.now()): void {
    this.q.put.run(userId, settings.meaning ? 1 : 0, settings.model, now);
  }

  /** The users who turned search by meaning on. */
  usersWithMeaning(): string[] {
    return this.q.meaningOn.all();
  }
}
