import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { type Migration, migrate, migrations } from './migrations';

describe('migrate', () => {
  it('builds a fresh database and records the version', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toBe(migrations.length);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['users', 'sessions']));
  });

  it('does nothing when re-run', () => {
    const db = new Database(':memory:');
    migrate(db);
    expect(migrate(db)).toBe(0);
  });

  it('rolls back a failing migration whole and keeps the version', () => {
    const db = new Database(':memory:');
    const list: Migration[] = [
      { version: 1, name: 'ok', sql: 'CREATE TABLE a (x INTEGER);' },
      { version: 2, name: 'bad', sql: 'CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1);' },
    ];
    expect(() => migrate(db, list)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(['a']);
  });

  it('[5] names the one custom endpoint after its host and keeps it whole', () => {
    const db = new Database(':memory:');
    migrate(
      db,
      migrations.filter((m) => m.version <= 4),
    );
    db.prepare("INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, 'x', 'x', 0)").run(
      'u1',
      'a@x',
    );
    db.prepare("INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, 'x', 'x', 0)").run(
      'u2',
      'b@x',
    );
    const insert = db.prepare(
      "INSERT INTO api_keys (user_id, provider, sealed, last4, base_url, models, created_at) VALUES (?, ?, x'00', '', ?, ?, 7)",
    );
    insert.run('u1', 'custom', 'http://localhost:11434/v1', '[{"id":"llama3.2"}]');
    insert.run('u1', 'openai', null, null);
    insert.run('u2', 'custom', 'https://llm.example.org', null);
    expect(migrate(db)).toBe(migrations.length - 4);
    const rows = db
      .prepare('SELECT user_id, provider, name, base_url, models FROM api_keys ORDER BY user_id, provider')
      .all();
    expect(rows).toEqual([
      {
        user_id: 'u1',
        provider: 'custom',
        name: 'localhost:11434',
        base_url: 'http://localhost:11434/v1',
        models: '[{"id":"llama3.2"}]',
      },
      { user_id: 'u1', provider: 'openai', name: null, base_url: null, models: null },
      { user_id: 'u2', provider: 'custom', name: 'llm.example.org', base_url: 'https://llm.example.org', models: null },
    ]);
  });

  it('versions are unique and increasing', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });
});
