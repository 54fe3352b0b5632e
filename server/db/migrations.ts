// Numbered schema migrations, applied in order at boot, each inside its own transaction.
// Append new migrations; never edit one that has shipped.
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'accounts',
    sql: `
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        expires_at INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        user_agent TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX sessions_user ON sessions(user_id);
    `,
  },
  {
    version: 2,
    name: 'doc store',
    sql: `
      CREATE TABLE data_keys (
        user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        wrapped BLOB NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE docs (
        name TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        snapshot BLOB,
        snapshot_bytes INTEGER NOT NULL DEFAULT 0,
        log_count INTEGER NOT NULL DEFAULT 0,
        log_bytes INTEGER NOT NULL DEFAULT 0,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX docs_user ON docs(user_id);
      CREATE TABLE doc_updates (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        doc_name TEXT NOT NULL REFERENCES docs(name) ON DELETE CASCADE,
        data BLOB NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX doc_updates_doc ON doc_updates(doc_name, id);
      CREATE TABLE purged_docs (
        name TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        purged_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX purged_docs_user ON purged_docs(user_id);
    `,
  },
  {
    version: 3,
    name: 'ai replies',
    sql: `
      -- One key per user and provider, sealed with the user's data key.
      CREATE TABLE api_keys (
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        provider TEXT NOT NULL,
        sealed BLOB NOT NULL,
        last4 TEXT NOT NULL,
        base_url TEXT,
        models TEXT,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (user_id, provider)
      ) STRICT;
      -- Replies the server has taken on and not finished: a restart knows which docs to revisit.
      CREATE TABLE generations (
        doc_name TEXT NOT NULL,
        message_id TEXT NOT NULL,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        state TEXT NOT NULL CHECK (state IN ('queued', 'streaming')),
        model TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (doc_name, message_id)
      ) STRICT;
      CREATE INDEX generations_user ON generations(user_id);
      -- Tokens and requests per user, UTC day and model.
      CREATE TABLE usage_events (
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        day TEXT NOT NULL,
        model TEXT NOT NULL,
        requests INTEGER NOT NULL DEFAULT 0,
        input_tokens INTEGER NOT NULL DEFAULT 0,
        output_tokens INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (user_id, day, model)
      ) STRICT;
    `,
  },
  {
    version: 4,
    name: 'search settings',
    sql: `
      -- Search by meaning, per user: off by default (it spends the person's provider money).
      -- Kept here, not in the search index file, which may be deleted and rebuilt at any time.
      CREATE TABLE search_settings (
        user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        meaning INTEGER NOT NULL CHECK (meaning IN (0, 1)),
        model TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 5,
    name: 'several custom endpoints',
    sql: `
      -- Custom endpoints are rows of api_keys too: the one Hearth had keeps its provider id
      -- 'custom' (chats store 'custom/<model>'), new ones are 'custom:<id>'. Each has a name,
      -- unique per user whatever the case; the existing one is named after its host.
      ALTER TABLE api_keys ADD COLUMN name TEXT;
      UPDATE api_keys
        SET name = substr(
          substr(base_url, instr(base_url, '://') + 3),
          1,
          CASE WHEN instr(substr(base_url, instr(base_url, '://') + 3), '/') > 0
            THEN min(instr(substr(base_url, instr(base_url, '://') + 3), '/') - 1, 60)
            ELSE 60 END
        )
        WHERE provider = 'custom';
      UPDATE api_keys SET name = 'Custom endpoint' WHERE provider = 'custom' AND (name IS NULL OR name = '');
      CREATE UNIQUE INDEX api_keys_endpoint_name ON api_keys(user_id, name COLLATE NOCASE) WHERE name IS NOT NULL;
    `,
  },
];

/** Applies every migration newer than the database's `user_version`; returns how many ran. */
export function migrate(db: Database.Database, list: Migration[] = migrations): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const pending = list.filter((m) => m.version > current).sort((a, b) => a.version - b.version);
  for (const migration of pending) {
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return pending.length;
}
