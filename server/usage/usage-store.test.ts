import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../db/migrations';
import { UsageStore, utcDay } from './usage-store';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 2, 10, 23, 30);

function setup() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  db.prepare(
    "INSERT INTO users (id, email, name, password_hash, created_at) VALUES ('u1', 'a@x.y', 'x', 'x', 0)",
  ).run();
  db.prepare(
    "INSERT INTO users (id, email, name, password_hash, created_at) VALUES ('u2', 'b@x.y', 'x', 'x', 0)",
  ).run();
  return { db, usage: new UsageStore(db) };
}

describe('UsageStore', () => {
  it('adds requests and tokens per UTC day and model', () => {
    const { usage } = setup();
    usage.record('u1', 'openai/gpt-4o', { inputTokens: 10, outputTokens: 5 }, NOW);
    usage.record('u1', 'openai/gpt-4o', { inputTokens: 1, outputTokens: 2 }, NOW - 60_000);
    usage.record('u1', 'groq/llama', null, NOW);
    usage.record('u1', 'openai/gpt-4o', { inputTokens: 7, outputTokens: 7 }, NOW - 2 * DAY);
    usage.record('u2', 'openai/gpt-4o', { inputTokens: 99, outputTokens: 99 }, NOW);
    expect(usage.query('u1', 2, NOW)).toEqual({
      from: '2026-03-09',
      to: '2026-03-10',
      rows: [
        { day: '2026-03-10', model: 'groq/llama', requests: 1, inputTokens: 0, outputTokens: 0 },
        { day: '2026-03-10', model: 'openai/gpt-4o', requests: 2, inputTokens: 11, outputTokens: 7 },
      ],
    });
    expect(usage.query('u1', 3, NOW).rows[0]).toEqual({
      day: '2026-03-08',
      model: 'openai/gpt-4o',
      requests: 1,
      inputTokens: 7,
      outputTokens: 7,
    });
  });

  it('counts days in UTC', () => {
    expect(utcDay(Date.UTC(2026, 0, 1, 0, 0, 1))).toBe('2026-01-01');
    expect(utcDay(Date.UTC(2025, 11, 31, 23, 59, 59))).toBe('2025-12-31');
  });

  it('goes with the account', () => {
    const { db, usage } = setup();
    usage.record('u1', 'm', null, NOW);
    db.prepare("DELETE FROM users WHERE id = 'u1'").run();
    expect(usage.query('u1', 30, NOW).rows).toEqual([]);
  });
});
