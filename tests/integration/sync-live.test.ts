// Live sync between devices through the real server ([S1], [S8], [S10]).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import { createThread, listThreads, readThread, renameThread } from '../../shared/docs/index-doc';
import { indexDocName, threadDocName } from '../../shared/docs/names';
import { addMessage, draftOf } from '../../shared/docs/thread-doc';
import { ApiClient } from '../support/api-client';
import { type Hearth, startHearth } from '../support/hearth';
import { connectDoc, eventually, serverHas } from '../support/sync-device';

let hearth: Hearth;
beforeAll(async () => {
  hearth = await startHearth();
});
afterAll(() => hearth.stop());

async function twoDevices() {
  const laptop = new ApiClient(hearth.url);
  const { id: userId, email, password } = await laptop.signup();
  const phone = new ApiClient(hearth.url);
  await phone.post('/api/auth/login', { email, password });
  return { laptop, phone, userId };
}

describe('live sync', () => {
  it('[S10] two devices converge live on the index and a thread', async () => {
    const { laptop, phone, userId } = await twoDevices();
    const a = await connectDoc(laptop, indexDocName(userId));
    const b = await connectDoc(phone, indexDocName(userId));
    const threadId = createThread(a.doc, { now: 1 });
    await eventually(() => readThread(b.doc, threadId) !== undefined, 'thread on phone');
    renameThread(b.doc, threadId, 'Trip to Lisbon', 2);
    await eventually(() => readThread(a.doc, threadId)?.title === 'Trip to Lisbon', 'rename on laptop');

    const ta = await connectDoc(laptop, threadDocName(userId, threadId));
    const tb = await connectDoc(phone, threadDocName(userId, threadId));
    draftOf(ta.doc).insert(0, 'Pack the ');
    await eventually(() => draftOf(tb.doc).toString() === 'Pack the ', 'draft on phone');
    draftOf(tb.doc).insert(9, 'camera');
    await eventually(() => draftOf(ta.doc).toString() === 'Pack the camera', 'draft back on laptop');
    for (const c of [a, b, ta, tb]) c.provider.destroy();
  });

  it('[S10] offline edits on both devices merge on reconnect', async () => {
    const { laptop, phone, userId } = await twoDevices();
    const a = await connectDoc(laptop, indexDocName(userId));
    const b = await connectDoc(phone, indexDocName(userId));
    const shared = createThread(a.doc, { now: 1 });
    await eventually(() => readThread(b.doc, shared) !== undefined, 'shared thread');

    a.provider.disconnect();
    b.provider.disconnect();
    const fromA = createThread(a.doc, { now: 2, title: 'from laptop' });
    const fromB = createThread(b.doc, { now: 3, title: 'from phone' });
    renameThread(a.doc, shared, 'renamed offline', 4);
    a.provider.connect();
    b.provider.connect();
    const ids = (doc: Y.Doc) =>
      listThreads(doc)
        .map((t) => t.id)
        .sort();
    await eventually(() => ids(a.doc).length === 3 && ids(b.doc).length === 3, 'all three threads on both');
    expect(ids(a.doc)).toEqual([shared, fromA, fromB].sort());
    expect(readThread(b.doc, shared)?.title).toBe('renamed offline');
    expect(Y.encodeStateAsUpdate(a.doc)).toEqual(Y.encodeStateAsUpdate(b.doc));
    a.provider.destroy();
    b.provider.destroy();
  });

  it('[S8] answers a sync step 1 with only what the device lacks', async () => {
    const { laptop, userId } = await twoDevices();
    const name = threadDocName(userId, 'a'.repeat(32));
    const first = await connectDoc(laptop, name);
    for (let i = 0; i < 50; i++) addMessage(first.doc, { role: 'user', parentId: null, now: i, text: 'x'.repeat(200) });
    await serverHas(laptop, name, first.doc);
    first.provider.destroy();

    // A device that already has everything gets an answer far smaller than the doc.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(first.doc));
    const received: number[] = [];
    const again = await connectDoc(laptop, name, copy, false);
    // The provider makes its socket at once; the answer arrives before it reports `synced`.
    (again.provider.ws as unknown as WebSocket).on('message', (data: Buffer) => received.push(data.byteLength));
    await eventually(() => again.provider.synced, 'second sync');
    const full = Y.encodeStateAsUpdate(first.doc).byteLength;
    expect(full).toBeGreaterThan(10_000);
    expect(Math.max(...received)).toBeLessThan(full / 10);
    again.provider.destroy();
  });
});
