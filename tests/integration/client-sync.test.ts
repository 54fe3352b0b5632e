// The client's SyncManager in Node (fake-indexeddb for Dexie) against the real server:
// catch-up of 1,000 threads into the view tables, offline changes that survive a restart
// and go out when the network returns, and deleted threads dropped from the device.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { db } from '../../client/db/hearth-db';
import { SyncManager, type SyncTransport } from '../../client/sync/sync-manager';
import type { SyncResponse } from '../../shared/api/sync';
import { createThread, deleteThread, listThreads, readThread } from '../../shared/docs/index-doc';
import { indexDocName, threadDocName } from '../../shared/docs/names';
import { addMessage, draftOf, listMessages } from '../../shared/docs/thread-doc';
import { ApiClient } from '../support/api-client';
import { type Hearth, startHearth } from '../support/hearth';
import { connectDoc, cookieWebSocket, eventually } from '../support/sync-device';

let hearth: Hearth;
beforeAll(async () => {
  hearth = await startHearth();
});
afterAll(() => hearth.stop());

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** A SyncManager for `client`, whose network can be switched off. */
function device(client: ApiClient, userId: string) {
  const network = { online: true };
  const transport: SyncTransport = {
    wsUrl: `${hearth.url.replace('http', 'ws')}/sync`,
    WebSocketImpl: cookieWebSocket(client.cookie) as unknown as typeof WebSocket,
    disableBc: true,
    async batch(body) {
      if (!network.online) throw new TypeError('fetch failed');
      const result = await client.post<SyncResponse>('/api/sync', body);
      if (result.status !== 200) throw new Error(`sync answered ${result.status}`);
      return result.body;
    },
    isOnline: () => network.online,
    isNetworkError: (error) => error instanceof TypeError,
    isUnauthorized: () => false,
    isUpgradeRequired: (error) => error instanceof Error && error.message === 'sync answered 426',
  };
  return { manager: new SyncManager(userId, transport, () => {}), network };
}

describe('client sync manager', () => {
  it('[S11] [S14] a new device catches up 1,000 threads into its views', async () => {
    await db.delete({ disableAutoOpen: false });
    const first = new ApiClient(hearth.url);
    const { id: userId, email, password } = await first.signup();
    const index = new Y.Doc();
    const updates: { name: string; update: string }[] = [];
    for (let i = 0; i < 1000; i++) {
      const threadId = createThread(index, { now: i, title: `Thread ${i}` });
      const thread = new Y.Doc();
      addMessage(thread, { role: 'user', parentId: null, now: i, text: `hello ${i}` });
      updates.push({ name: threadDocName(userId, threadId), update: b64(Y.encodeStateAsUpdate(thread)) });
    }
    updates.push({ name: indexDocName(userId), update: b64(Y.encodeStateAsUpdate(index)) });
    expect((await first.post('/api/sync', { docs: [], updates })).status).toBe(200);

    const phone = new ApiClient(hearth.url);
    await phone.post('/api/auth/login', { email, password });
    const { manager } = device(phone, userId);
    await manager.start();
    await eventually(() => manager.getStatus().kind === 'synced', 'synced', 30_000);
    expect(await db.threads.where('userId').equals(userId).count()).toBe(1000);
    expect(await db.messages.where('userId').equals(userId).count()).toBe(1000);
    expect((await db.messages.toArray()).map((m) => m.text)).toContain('hello 999');
    await manager.stop();
  }, 60_000);

  it('[S13] offline changes survive a restart and go out when the network returns', async () => {
    await db.delete({ disableAutoOpen: false });
    const laptop = new ApiClient(hearth.url);
    const { id: userId, email, password } = await laptop.signup();
    const phoneApi = new ApiClient(hearth.url);
    await phoneApi.post('/api/auth/login', { email, password });

    const first = device(phoneApi, userId);
    await first.manager.start();
    await eventually(() => first.manager.getStatus().kind === 'synced', 'first sync');
    const threadId = createThread(first.manager.index.doc, { now: Date.now(), title: 'Groceries' });
    const opened = await first.manager.openThread(threadId);
    await eventually(() => opened.live, 'thread live');

    // The network goes: every socket drops and the device keeps working.
    first.network.online = false;
    first.manager.index.provider?.disconnect();
    opened.provider?.disconnect();
    draftOf(opened.doc).insert(0, 'eggs, milk');
    addMessage(opened.doc, { role: 'user', parentId: null, now: Date.now(), text: 'written offline' });
    await first.manager.closeThread(threadId);
    await first.manager.stop();

    // The app restarts, still offline: the change is still there, marked for upload.
    const second = device(phoneApi, userId);
    second.network.online = false;
    expect(await db.unsent.toCollection().primaryKeys()).toContain(threadDocName(userId, threadId));

    // The network returns: the change reaches another device.
    second.network.online = true;
    await second.manager.start();
    const watcher = await connectDoc(laptop, threadDocName(userId, threadId));
    await eventually(() => draftOf(watcher.doc).toString() === 'eggs, milk', 'the draft on the laptop', 15_000);
    expect(listMessages(watcher.doc).map((m) => m.text)).toEqual(['written offline']);
    await eventually(async () => (await db.unsent.count()) === 0, 'clean');
    watcher.provider.destroy();

    // [S12] Deleted on the laptop: the phone drops its copy.
    const laptopIndex = await connectDoc(laptop, indexDocName(userId));
    deleteThread(laptopIndex.doc, threadId, Date.now());
    await eventually(() => readThread(second.manager.index.doc, threadId)?.deletedAt !== null, 'deletion arrives');
    await eventually(async () => (await db.messages.where('threadId').equals(threadId).count()) === 0, 'views dropped');
    expect(await db.docUpdates.where('doc').equals(threadDocName(userId, threadId)).count()).toBe(0);
    expect(listThreads(laptopIndex.doc)).toHaveLength(1);
    laptopIndex.provider.destroy();
    await second.manager.stop();
  }, 60_000);
});
