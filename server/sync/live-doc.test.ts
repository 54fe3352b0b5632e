import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { seededRandom } from '../../tests/support/convergence';
import { DevicePeer, storeFixture } from '../../tests/support/doc-store-fixture';
import { docState, halfApplyingFlip } from '../../tests/support/flipped-updates';
import { STREAM_PERSIST_MS } from './live-doc';
import { SyncRefusal } from './sync-refusal';

describe('LiveDoc', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

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

  it('[S1a] streamed writes reach devices at once and are stored in batches at most 250 ms apart; a device restores what a crash lost', async () => {
    // Only the batching timer is faked; the store still commits on the real event loop.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { db, userId, open, reopen } = storeFixture();
    const ref = { kind: 'thread', userId, threadId: 'b'.repeat(32) } as const;
    const live = open(ref);
    const device = new DevicePeer();
    live.attach(device);
    const stored = () => db.prepare('SELECT count(*) FROM doc_updates').pluck().get();
    const reply = (doc: Y.Doc) => doc.getText('reply').toString();

    live.writeStreamed((doc) => doc.getText('reply').insert(0, 'Hello'));
    expect(reply(device.doc)).toBe('Hello');
    live.writeStreamed((doc) => doc.getText('reply').insert(5, ','));
    expect(reply(device.doc)).toBe('Hello,');
    vi.advanceTimersByTime(STREAM_PERSIST_MS - 1);
    await live.whenDurable();
    expect(stored()).toBe(0);
    // At STREAM_PERSIST_MS after the first token, both are stored, as one row.
    vi.advanceTimersByTime(1);
    await live.whenDurable();
    expect(stored()).toBe(1);

    // More tokens reach the device, then the server dies before their batch is due.
    live.writeStreamed((doc) => doc.getText('reply').insert(6, ' world'));
    expect(reply(device.doc)).toBe('Hello, world');
    const restarted = open(ref, reopen());
    expect(reply(restarted.doc)).toBe('Hello,');
    // The device reconnects and sends what the server lacks: nothing is lost.
    await restarted.receive(Y.encodeStateAsUpdate(device.doc, Y.encodeStateVector(restarted.doc)), device);
    expect(reply(restarted.doc)).toBe('Hello, world');

    // The end of a stream is stored at once.
    live.writeStreamed((doc) => doc.getText('reply').insert(12, '!'));
    await live.flushStreamed();
    expect(reply(open(ref, reopen()).doc)).toBe('Hello, world!');
    live.destroy(1000, 'done');
    restarted.destroy(1000, 'done');
  });

  it('[S6] a quiet doc frees its trial copy; the next update builds one anew, and one that fails half-way still leaves no trace', async () => {
    const { userId, open } = storeFixture({ durable: false });
    const { base, flipped } = halfApplyingFlip(seededRandom(7));
    const live = open({ kind: 'thread', userId, threadId: 'c'.repeat(32) });
    const device = new DevicePeer();
    live.attach(device);
    await live.receive(base, null);
    expect(live.holdsTrialCopy).toBe(true);
    live.releaseIdleTrial(0); // an update was tried after that time: kept
    expect(live.holdsTrialCopy).toBe(true);
    live.releaseIdleTrial(Number.POSITIVE_INFINITY); // none was: freed
    expect(live.holdsTrialCopy).toBe(false);

    const before = { memory: docState(live.doc), device: docState(device.doc), frames: device.frames };
    await expect(live.receive(flipped, null)).rejects.toBeInstanceOf(SyncRefusal);
    expect(docState(live.doc)).toBe(before.memory);
    expect(docState(device.doc)).toBe(before.device);
    expect(device.frames).toBe(before.frames);
    live.destroy(1000, 'done');
  });
});
