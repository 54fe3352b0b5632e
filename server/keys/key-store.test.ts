import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DataKeys } from '../crypto/data-keys';
import { migrate } from '../db/migrations';
import { KeyStore, lastFour } from './key-store';

const KEY = 'sk-proj-abcdefghijklmnopqrstuvwxyz-1234';

function setup() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  const insertUser = db.prepare(
    "INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, 'x', 'x', 0)",
  );
  insertUser.run('u1', 'a@example.com');
  insertUser.run('u2', 'b@example.com');
  return { db, store: new KeyStore(db, new DataKeys(db, randomBytes(32))) };
}

describe('KeyStore', () => {
  it('seals the key at rest and opens it for the server only', () => {
    const { db, store } = setup();
    const info = store.put('u1', 'openai', { apiKey: KEY }, 1000);
    expect(info).toEqual({ provider: 'openai', last4: '1234', createdAt: 1000 });
    const raw = db.prepare('SELECT * FROM api_keys').all();
    expect(JSON.stringify(raw)).not.toContain('abcdefghijklmnop');
    const sealed = db.prepare<[], Buffer>('SELECT sealed FROM api_keys').pluck().get()!;
    expect(sealed.includes(Buffer.from('abcdefghijklmnop'))).toBe(false);
    expect(store.get('u1', 'openai')?.apiKey).toBe(KEY);
    expect(store.get('u2', 'openai')).toBeUndefined();
  });

  it('binds a sealed key to its user and provider', () => {
    const { db, store } = setup();
    store.put('u1', 'openai', { apiKey: KEY });
    db.prepare("UPDATE api_keys SET provider = 'groq'").run();
    expect(() => store.get('u1', 'groq')).toThrow();
    db.prepare("UPDATE api_keys SET provider = 'openai', user_id = 'u2'").run();
    expect(() => store.get('u2', 'openai')).toThrow();
  });

  it('keeps a custom endpoint’s URL and models, replaces on put, and removes', () => {
    const { store } = setup();
    store.put('u1', 'custom', { apiKey: '', baseURL: 'http://localhost:11434/v1', models: [{ id: 'llama3.2' }] });
    expect(store.list('u1')).toEqual([
      {
        provider: 'custom',
        last4: '',
        createdAt: expect.any(Number),
        baseURL: 'http://localhost:11434/v1',
        models: [{ id: 'llama3.2' }],
      },
    ]);
    store.put('u1', 'custom', { apiKey: KEY, baseURL: 'http://127.0.0.1:8080/v1' });
    expect(store.get('u1', 'custom')).toMatchObject({ apiKey: KEY, baseURL: 'http://127.0.0.1:8080/v1', models: [] });
    expect(store.providers('u1')).toEqual(['custom']);
    expect(store.remove('u1', 'custom')).toBe(true);
    expect(store.remove('u1', 'custom')).toBe(false);
  });

  it('names custom endpoints, counts them and finds one by name whatever the case', () => {
    const { store } = setup();
    store.put('u1', 'openai', { apiKey: KEY, name: 'ignored' });
    store.put('u1', 'custom:b', { apiKey: '', name: 'Lab', baseURL: 'http://lab/v1' });
    store.put('u1', 'custom', { apiKey: KEY, name: 'attic', baseURL: 'http://attic/v1' });
    expect(store.list('u1').map((k) => [k.provider, k.name])).toEqual([
      ['openai', undefined],
      ['custom', 'attic'],
      ['custom:b', 'Lab'],
    ]);
    expect(store.endpointCount('u1')).toBe(2);
    expect(store.endpointCount('u2')).toBe(0);
    expect(store.namedEndpoint('u1', 'LAB')).toBe('custom:b');
    expect(store.namedEndpoint('u2', 'Lab')).toBeUndefined();
    expect(store.get('u1', 'custom:b')?.name).toBe('Lab');
  });

  it('goes with the account', () => {
    const { db, store } = setup();
    store.put('u1', 'openai', { apiKey: KEY });
    db.prepare("DELETE FROM users WHERE id = 'u1'").run();
    expect(db.prepare('SELECT count(*) FROM api_keys').pluck().get()).toBe(0);
  });

  it('shows four characters only of keys long enough to spare them', () => {
    expect(lastFour('sk-abcdefgh1234')).toBe('1234');
    expect(lastFour('short-key')).toBe('');
  });
});
