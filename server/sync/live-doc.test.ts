import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DataKeys } from '../crypto/data-keys';
import { openDatabase } from '../db/open';
import { createLogger } from '../log/logger';
import { DocStore } from './doc-store';
import { LiveDoc } from './live-doc';

describe('LiveDoc', () => {
  it('[S2] compacts by the size of the log, not of the doc: a large doc is not rewritten on every commit', async () => {
    const db = openDatabase(mkdtempSync(path.join(tmpdir(), 'hearth-live-')));
    const userId = 'a'.repeat(32);
    db.prepare("INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, 'a@b.c', 'A', 'x', 0)").run(
      userId,
    );
    const store = new DocStore(db, new DataKeys(db, randomBytes(32)), createLogger({ write: () => {} }));
    const name = `${userId}/index`;
    const ref = { kind: 'index', userId } as const;
    const source = new Y.Doc();
    source.getText('t').insert(0, 'x'.repeat(1_500_000));
    const live = new LiveDoc(ref, name, store.load(userId, name), store, () => {});
    await live.receive(Y.encodeStateAsUpdate(source), null);
    live.maybeCompact(true);
    const snapshots = () => db.prepare('SELECT count(*) FROM doc_updates').pluck().get();
    expect(snapshots()).toBe(0);

    const before = new Y.Doc();
    Y.applyUpdate(before, Y.encodeStateAsUpdate(source));
    const updates: Uint8Array[] = [];
    before.on('update', (u: Uint8Array) => updates.push(u));
    before.getText('t').insert(0, 'small');
    await live.receive(updates[0]!, null);
    // The small update stays in the log instead of triggering a 1.5 MB rewrite.
    expect(snapshots()).toBe(1);
    live.destroy(1000, 'done');
  });
});
