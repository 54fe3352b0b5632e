// The search index's own SQLite file, `search.db` in the data directory, apart from the
// sealed docs in hearth.db: it holds text derived from them, so it can be deleted at any
// time and is rebuilt from the docs. A file that is missing, unreadable or of another schema
// version is replaced by an empty one, which the indexer fills again.
import { rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import type { Logger } from '../log/logger';

export type SearchDb = Database.Database;

export const SEARCH_DB_FILE = 'search.db';
/** Bump when the layout below changes: the old file is then dropped and rebuilt. */
const SCHEMA_VERSION = 1;

const SCHEMA = `
  -- Which thread docs the index reflects, and the doc's updated_at it reflects them at.
  CREATE TABLE docs (
    name TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    thread_id TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX docs_user ON docs(user_id);
  -- One row per message with text, in any branch. Its id is the rowid of its text in message_text.
  CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    user_id TEXT NOT NULL,
    thread_id TEXT NOT NULL,
    message_id TEXT NOT NULL,
    role TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    -- A hash of the text and status: unchanged messages are skipped when a doc changes.
    hash TEXT NOT NULL,
    chars INTEGER NOT NULL,
    -- 1 once the text will not change any more (a reply still streaming is 0): worth embedding.
    final INTEGER NOT NULL,
    -- The embedding space (model and size) the message's chunks are embedded in; null: none.
    embedded TEXT,
    UNIQUE (user_id, thread_id, message_id)
  ) STRICT;
  CREATE INDEX messages_embedding ON messages(user_id, final, embedded);
  -- The words: owner is "u<userId>", so every query names its user inside the MATCH.
  CREATE VIRTUAL TABLE message_text USING fts5(
    owner, text,
    tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'",
    prefix = '2 3'
  );
  INSERT INTO message_text(message_text, rank) VALUES ('rank', 'bm25(0.0, 1.0)');
  -- The pieces of a message that were embedded (offsets in its clean text); the vector of
  -- chunk N is row N of vectors_<dims>, in the partition of its user and model.
  CREATE TABLE chunks (
    id INTEGER PRIMARY KEY,
    message INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    dims INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX chunks_message ON chunks(message);
`;

/** Opens the index, replacing a file that cannot be used with an empty one. */
export function openSearchDb(dataDir: string, log: Logger): SearchDb {
  const file = path.join(dataDir, SEARCH_DB_FILE);
  try {
    return open(file);
  } catch (error) {
    log.warn('the search index could not be used; rebuilding it from the docs', { err: error });
    removeSearchDb(dataDir);
    return open(file);
  }
}

/**
 * Opens the index file as it is, a second connection beside the one openSearchDb made (the
 * indexer's worker thread writes through its own; WAL lets both work at once).
 */
export function openSearchDbAgain(dataDir: string): SearchDb {
  return open(path.join(dataDir, SEARCH_DB_FILE));
}

/** Deletes the index file and its WAL. */
export function removeSearchDb(dataDir: string): void {
  const file = path.join(dataDir, SEARCH_DB_FILE);
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
}

function open(file: string): SearchDb {
  const db = new Database(file);
  try {
    sqliteVec.load(db);
    // Big pages: a full vector (2 KiB at 512 numbers) fits seven to a page instead of one.
    // Only a new, empty file takes it.
    db.pragma('page_size = 16384');
    db.pragma('journal_mode = WAL');
    // The vector scan reads every bit vector of a person: keep them in memory.
    db.pragma('cache_size = -65536');
    db.pragma('mmap_size = 268435456');
    // Derived data: a power cut may lose the last commits, which the next start redoes.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // Two connections write (the indexer's worker, the embedder here), each in short
    // transactions: one waits for the other instead of failing.
    db.pragma('busy_timeout = 5000');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version === 0) {
      db.transaction(() => {
        db.exec(SCHEMA);
        db.pragma(`user_version = ${SCHEMA_VERSION}`);
      })();
    } else if (version !== SCHEMA_VERSION) {
      throw new Error(`the index has schema version ${version}, this server writes ${SCHEMA_VERSION}`);
    }
    // Reads every table's root page: a damaged file fails here, not on the first search.
    db.prepare('SELECT count(*) FROM docs').get();
    db.prepare("SELECT count(*) FROM message_text WHERE message_text MATCH 'owner : x'").get();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Bits of the binary-quantized copy of a `dims`-number vector (bit vectors come in whole bytes). */
export const bitsFor = (dims: number) => Math.ceil(dims / 8) * 8;

/**
 * The vec0 table holding vectors of `dims` numbers, created on first use. sqlite-vec searches
 * by brute force, so the nearest-neighbour scan runs on a binary-quantized copy (one bit per
 * number, 32 times smaller and compared by Hamming distance); the full vector rides along as
 * an auxiliary column, and the candidates the scan finds are ranked again by it.
 */
export function vectorTable(db: SearchDb, dims: number): string {
  if (!Number.isInteger(dims) || dims < 1 || dims > 8192) throw new Error(`unsupported vector size ${dims}`);
  const name = `vectors_${dims}`;
  db.exec(
    `CREATE VIRTUAL TABLE IF NOT EXISTS ${name} USING vec0(
       chunk_id INTEGER PRIMARY KEY,
       space TEXT PARTITION KEY,
       embedding BIT[${bitsFor(dims)}],
       +full BLOB
     )`,
  );
  return name;
}

/** The vec0 tables that exist, by vector size. */
export function vectorTables(db: SearchDb): number[] {
  return db
    .prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'vectors_[0-9]*'")
    .pluck()
    .all()
    .map((name) => Number(name.slice('vectors_'.length)))
    .filter((dims) => Number.isInteger(dims));
}

/** True for SQLite's errors that mean the file itself is damaged. */
export function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT_VTAB';
}
