// Opens the SQLite database in the data directory: WAL mode, foreign keys, migrations.
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations';

export type Db = Database.Database;

/** Opens (creating if needed) `hearth.db` in `dataDir` and brings its schema up to date. */
export function openDatabase(dataDir: string): Db {
  const db = new Database(path.join(dataDir, 'hearth.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}
