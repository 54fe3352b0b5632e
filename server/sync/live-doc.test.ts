import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { storeFixture } from '../../tests/support/doc-store-fixture';

describe('LiveDoc', () => {
  it('[S2] compacts by the size of the log, not of the doc: a large doc is not rewritten on every commit', async () => {
    const { db, userId, open } = storeFixture();
    const source = new Y.Doc();
    source.getText('t').insert(0, 'x'.repeat(1_500_000));
    const live = open({ kind: 'index', userId });
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
