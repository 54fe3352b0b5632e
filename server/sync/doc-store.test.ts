import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { storeFixture } from '../../tests/support/doc-store-fixture';

function setup() {
  const fixture = storeFixture();
  return { ...fixture, name: `${fixture.userId}/index` };
}

function edits(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < count; i++) doc.getText('t').insert(i, String(i % 10));
  return updates;
}

describe('DocStore', () => {
  it('[S1] commits appends made in one tick in one transaction, then resolves', async () => {
    const { store, userId, name, db } = setup();
    const updates = edits(5);
    const ids = await Promise.all(updates.map((u) => store.append(userId, name, u)));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(db.prepare('SELECT count(*) FROM doc_updates').pluck().get()).toBe(5);
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, store.load(userId, name).state!);
    expect(loaded.getText('t').toString()).toBe('01234');
  });

  it('[S2] compaction keeps the state and empties the log', async () => {
    const { store, userId, name, db } = setup();
    const doc = new Y.Doc();
    for (const u of edits(300)) {
      Y.applyUpdate(doc, u);
      await store.append(userId, name, u);
    }
    const before = store.load(userId, name);
    store.compact(userId, name, Y.encodeStateAsUpdate(doc), before.lastUpdateId);
    expect(db.prepare('SELECT count(*) FROM doc_updates').pluck().get()).toBe(0);
    const after = store.load(userId, name);
    const a = new Y.Doc();
    Y.applyUpdate(a, before.state!);
    const b = new Y.Doc();
    Y.applyUpdate(b, after.state!);
    expect(b.getText('t').toString()).toBe(a.getText('t').toString());
    expect(after.logCount).toBe(0);
  });

  it('[S2] compaction keeps log rows newer than the snapshot', async () => {
    const { store, userId, name } = setup();
    const [first, second] = edits(2);
    const firstId = await store.append(userId, name, first!);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, first!);
    await store.append(userId, name, second!);
    store.compact(userId, name, Y.encodeStateAsUpdate(doc), firstId);
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, store.load(userId, name).state!);
    expect(loaded.getText('t').toString()).toBe('01');
  });

  it('[S3] stores updates sealed: no plaintext on disk, and bound to the doc name', async () => {
    const { store, userId, name, db, keys } = setup();
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    doc.getText('t').insert(0, 'the secret plan');
    await store.append(userId, name, updates[0]!);
    const blob = db.prepare('SELECT data FROM doc_updates').pluck().get() as Buffer;
    expect(blob.includes(Buffer.from('secret plan'))).toBe(false);
    expect(Buffer.from(keys.open(userId, name, blob)).includes(Buffer.from('secret plan'))).toBe(true);
    expect(() => keys.open(userId, `${userId}/thread/${'b'.repeat(32)}`, blob)).toThrow();
    const wrapped = db.prepare('SELECT wrapped FROM data_keys').pluck().get() as Buffer;
    expect(wrapped.length).toBeGreaterThan(32);
  });

  it('skips a damaged row instead of failing the whole doc', async () => {
    const { store, userId, name, db } = setup();
    const [a, b] = edits(2);
    await store.append(userId, name, a!);
    const badId = await store.append(userId, name, b!);
    db.prepare('UPDATE doc_updates SET data = ? WHERE id = ?').run(Buffer.from([1, 2, 3]), badId);
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, store.load(userId, name).state!);
    expect(loaded.getText('t').toString()).toBe('0');
  });

  it('[S12] purge removes the doc and remembers it', async () => {
    const { store, userId, db } = setup();
    const name = `${userId}/thread/${'c'.repeat(32)}`;
    await store.append(userId, name, edits(1)[0]!);
    store.purge(userId, name);
    expect(store.exists(name)).toBe(false);
    expect(store.isPurged(name)).toBe(true);
    expect(db.prepare('SELECT count(*) FROM doc_updates').pluck().get()).toBe(0);
  });
});
