// Crash, catch-up and deletion against the real server ([S1], [S11], [S12]).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { SyncResponse } from '../../shared/api/sync';
import { createThread, deleteThread, listThreads, readThread, renameThread } from '../../shared/docs/index-doc';
import { indexDocName, threadDocName } from '../../shared/docs/names';
import { addMessage, listMessages } from '../../shared/docs/thread-doc';
import { CloseCode } from '../../shared/sync/protocol';
import { ApiClient } from '../support/api-client';
import { type Hearth, startHearth } from '../support/hearth';
import { connectDoc, eventually } from '../support/sync-device';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const unb64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

describe('crash', () => {
  it('[S1] kill -9 while clients write loses nothing another device had received', async () => {
    const first = await startHearth();
    const writer = new ApiClient(first.url);
    const { id: userId, email, password } = await writer.signup();
    const watcher = new ApiClient(first.url);
    await watcher.post('/api/auth/login', { email, password });
    const threadName = threadDocName(userId, 'd'.repeat(32));
    const w = await connectDoc(writer, threadName);
    const seen = await connectDoc(watcher, threadName);

    let parentId: string | null = null;
    // About 100 updates a second (five messages each): busy, but within the per-connection rate limit.
    const writing = setInterval(() => {
      w.doc.transact(() => {
        for (let i = 0; i < 5; i++)
          parentId = addMessage(w.doc, { role: 'user', parentId, now: Date.now(), text: 'x' });
      });
    }, 10);
    await eventually(() => listMessages(seen.doc).length > 300, 'the watcher has received a few hundred messages');
    await first.kill();
    clearInterval(writing);
    const received = Y.encodeStateAsUpdate(seen.doc);
    const receivedIds = listMessages(seen.doc).map((m) => m.id);
    w.provider.destroy();
    seen.provider.destroy();

    const second = await startHearth({ dataDir: first.dataDir });
    try {
      const reader = new ApiClient(second.url);
      await reader.post('/api/auth/login', { email, password });
      const after = await connectDoc(reader, threadName);
      const storedIds = new Set(listMessages(after.doc).map((m) => m.id));
      expect(receivedIds.filter((id) => !storedIds.has(id))).toEqual([]);
      const sv = Y.decodeStateVector(Y.encodeStateVector(after.doc));
      for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVectorFromUpdate(received))) {
        expect(sv.get(client) ?? 0).toBeGreaterThanOrEqual(clock);
      }
      after.provider.destroy();
    } finally {
      await second.stop();
    }
  }, 60_000);
});

describe('catch-up and deletion', () => {
  let hearth: Hearth;
  beforeAll(async () => {
    hearth = await startHearth();
  });
  afterAll(() => hearth.stop());

  it('[S11] a new device gets 1,000 threads through /api/sync', async () => {
    const first = new ApiClient(hearth.url);
    const { id: userId, email, password } = await first.signup();
    const index = new Y.Doc();
    const updates: { name: string; update: string }[] = [];
    for (let i = 0; i < 1000; i++) {
      const threadId = createThread(index, { now: i, title: `Thread ${i}` });
      const thread = new Y.Doc();
      addMessage(thread, { role: 'user', parentId: null, now: i, text: `message of thread ${i} `.repeat(20) });
      updates.push({ name: threadDocName(userId, threadId), update: b64(Y.encodeStateAsUpdate(thread)) });
    }
    updates.push({ name: indexDocName(userId), update: b64(Y.encodeStateAsUpdate(index)) });
    const upload = await first.post<SyncResponse>('/api/sync', { docs: [], updates });
    expect(upload.status).toBe(200);

    const device = new ApiClient(hearth.url);
    await device.post('/api/auth/login', { email, password });
    const gotIndex = await device.post<SyncResponse>('/api/sync', {
      docs: [{ name: indexDocName(userId), stateVector: '' }],
    });
    const localIndex = new Y.Doc();
    Y.applyUpdate(localIndex, unb64(gotIndex.body.docs[0]!.update));
    const threads = listThreads(localIndex);
    expect(threads).toHaveLength(1000);

    let pending = threads.map((t) => ({ name: threadDocName(userId, t.id), stateVector: '' }));
    const local = new Map<string, Y.Doc>();
    let requests = 0;
    while (pending.length > 0) {
      const answer = await device.post<SyncResponse>('/api/sync', { docs: pending });
      expect(answer.status).toBe(200);
      requests++;
      for (const { name, update } of answer.body.docs) {
        const doc = local.get(name) ?? new Y.Doc();
        Y.applyUpdate(doc, unb64(update));
        local.set(name, doc);
      }
      pending = pending.slice(answer.body.answered);
    }
    expect(local.size).toBe(1000);
    expect(requests).toBe(1);
    for (const doc of local.values()) expect(listMessages(doc)).toHaveLength(1);

    // Up to date: asking again with current state vectors sends back no new structs.
    const again = await device.post<SyncResponse>('/api/sync', {
      docs: [...local].slice(0, 10).map(([name, doc]) => ({ name, stateVector: b64(Y.encodeStateVector(doc)) })),
    });
    for (const { update } of again.body.docs) expect(Y.decodeUpdate(unb64(update)).structs).toHaveLength(0);
  }, 60_000);

  it('[S11] continues past the size bound', async () => {
    const device = new ApiClient(hearth.url);
    const { id: userId } = await device.signup();
    const names = Array.from({ length: 4 }, (_, i) => threadDocName(userId, String(i).repeat(32)));
    for (const name of names) {
      const doc = new Y.Doc();
      addMessage(doc, { role: 'assistant', parentId: null, now: 1, text: 'long reply '.repeat(150_000) });
      await device.post('/api/sync', { docs: [], updates: [{ name, update: b64(Y.encodeStateAsUpdate(doc)) }] });
    }
    let pending = names.map((name) => ({ name, stateVector: '' }));
    const answers: number[] = [];
    while (pending.length > 0) {
      const answer = await device.post<SyncResponse>('/api/sync', { docs: pending });
      answers.push(answer.body.answered);
      expect(answer.body.docs).toHaveLength(answer.body.answered);
      pending = pending.slice(answer.body.answered);
    }
    expect(answers.length).toBeGreaterThan(1);
    expect(answers.reduce((a, b) => a + b)).toBe(4);
  });

  it('[S11] refuses another user’s docs and malformed requests, storing nothing', async () => {
    const me = new ApiClient(hearth.url);
    const { id } = await me.signup();
    const them = new ApiClient(hearth.url);
    const { id: theirs } = await them.signup();
    const doc = new Y.Doc();
    doc.getMap('x').set('a', 1);
    const forbidden = await me.post('/api/sync', {
      docs: [],
      updates: [
        { name: indexDocName(id), update: b64(Y.encodeStateAsUpdate(doc)) },
        { name: indexDocName(theirs), update: b64(Y.encodeStateAsUpdate(doc)) },
      ],
    });
    expect(forbidden.status).toBe(403);
    const mine = await me.post<SyncResponse>('/api/sync', { docs: [{ name: indexDocName(id), stateVector: '' }] });
    expect(mine.body.docs).toEqual([]);
    expect((await me.post('/api/sync', { docs: 'nope' })).status).toBe(400);
    expect(
      (await me.post('/api/sync', { docs: [], updates: [{ name: indexDocName(id), update: 'AAEC' }] })).status,
    ).toBe(400);
    expect((await new ApiClient(hearth.url).post('/api/sync', { docs: [] })).status).toBe(401);
  });

  it('[S12] a thread edited offline on one device and deleted on another stays deleted', async () => {
    const laptop = new ApiClient(hearth.url);
    const { id: userId, email, password } = await laptop.signup();
    const phone = new ApiClient(hearth.url);
    await phone.post('/api/auth/login', { email, password });
    const a = await connectDoc(laptop, indexDocName(userId));
    const b = await connectDoc(phone, indexDocName(userId));
    const threadId = createThread(a.doc, { now: 1, title: 'doomed' });
    await eventually(() => readThread(b.doc, threadId) !== undefined, 'thread on phone');
    const threadName = threadDocName(userId, threadId);
    const ta = await connectDoc(laptop, threadName);
    const tb = await connectDoc(phone, threadName);
    addMessage(ta.doc, { role: 'user', parentId: null, now: 2, text: 'before' });
    await eventually(() => listMessages(tb.doc).length === 1, 'message on phone');

    // The phone goes offline and keeps editing; the laptop deletes the thread.
    b.provider.disconnect();
    tb.provider.disconnect();
    renameThread(b.doc, threadId, 'edited offline', 3);
    addMessage(tb.doc, { role: 'user', parentId: null, now: 3, text: 'offline edit' });
    deleteThread(a.doc, threadId, 4);
    expect(await ta.closed).toMatchObject({ code: CloseCode.gone });

    b.provider.connect();
    await eventually(() => readThread(b.doc, threadId)?.deletedAt === 4, 'deletion reaches the phone');
    expect(readThread(a.doc, threadId)?.deletedAt).toBe(4);
    // The offline edits to the thread doc cannot bring it back.
    tb.provider.connect();
    expect(await tb.closed).toMatchObject({ code: CloseCode.gone });
    const sync = await phone.post<SyncResponse>('/api/sync', {
      docs: [{ name: threadName, stateVector: '' }],
      updates: [{ name: threadName, update: b64(Y.encodeStateAsUpdate(tb.doc)) }],
    });
    expect(sync.body).toEqual({ docs: [], gone: [threadName], answered: 1 });
    a.provider.destroy();
    b.provider.destroy();
  });
});
