// AI replies through the real server and the fake provider: a queued placeholder streams
// into the thread doc, every device sees it grow, and the request is data (offline sends
// are answered after sync, exactly once).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { SyncResponse } from '../../shared/api/sync';
import { sendMessage } from '../../shared/docs/chat-actions';
import { newId } from '../../shared/docs/ids';
import { readSettings, readThread, setThreadMode, writeSetting } from '../../shared/docs/index-doc';
import { createMode, readMode, updateMode } from '../../shared/docs/modes';
import { indexDocName, threadDocName } from '../../shared/docs/names';
import { instructionsNow } from '../../shared/docs/reply-instructions';
import { addMessage, messageText, readMessage, requeueReply, switchBranch } from '../../shared/docs/thread-doc';
import {
  answerAfter,
  copyOf,
  marker,
  newThread,
  type Stack,
  send,
  serverCopy,
  serverSees,
  signUp,
  startStack,
  waitForStatus,
} from '../fake-ai/chat-helpers';
import { connectDoc, eventually } from '../support/sync-device';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ fake: { defaults: { tokenDelayMs: 2 } } });
});
afterAll(() => stack.stop());

describe('streaming a reply', () => {
  it('streams into the doc; two devices see partial text; closing the sender does not stop it', async () => {
    const { userId, devices } = await signUp(stack.hearth.url, 2);
    const [laptop, phone] = devices;
    const word = marker('stream');
    const reply = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
    stack.fake.onPrompt(word, { reply, tokenDelayMs: 25 });

    const a = await newThread(laptop!, userId);
    const b = await connectDoc(phone!, threadDocName(userId, a.threadId));
    const { replyId } = send(a.thread.doc, `Tell me a story ${word}`);

    const partial = (doc: Y.Doc) => {
      const text = messageText(doc, replyId)?.toString() ?? '';
      return text.length > 0 && text.length < reply.length;
    };
    await eventually(() => partial(a.thread.doc) && partial(b.doc), 'both devices see part of the reply');
    expect(readMessage(b.doc, replyId)?.status).toBe('streaming');

    // The sender closes its tab mid-reply; the phone still gets all of it.
    a.close();
    const done = await waitForStatus(b.doc, replyId, 'done');
    expect(done.text).toBe(reply);
    expect(done.model).toBe('openai/gpt-4.1-mini');
    expect(done.usage).toEqual({ inputTokens: expect.any(Number), outputTokens: 40 });
    expect(done.error).toBeNull();
    expect(stack.fake.streams(word)).toHaveLength(1);
    b.provider.destroy();
  });

  it('sends the path from the placeholder up, with mode and custom instructions, not the active branch', async () => {
    const { userId, devices } = await signUp(stack.hearth.url);
    const word = marker('context');
    const modeId = newId();
    const t = await newThread(devices[0]!, userId, { modeId });
    createMode(t.index.doc, { id: modeId, name: 'Pirate', systemPrompt: `Talk like a pirate ${word}.`, now: 1 });
    writeSetting(t.index.doc, 'customInstructions', { name: 'Ada', occupation: '', traits: ['concise'], about: '' });
    await serverSees(
      devices[0]!,
      indexDocName(userId),
      (doc) => readMode(doc, modeId) !== undefined && readSettings(doc).customInstructions.name === 'Ada',
    );

    const doc = t.thread.doc;
    const u1 = addMessage(doc, { role: 'user', parentId: null, now: 1, text: `first ${word}` });
    const a1 = addMessage(doc, { role: 'assistant', parentId: u1, now: 2, text: 'first answer' });
    const u2 = addMessage(doc, { role: 'user', parentId: a1, now: 3, text: 'second, on this branch' });
    const other = addMessage(doc, { role: 'user', parentId: a1, now: 4, text: 'a sibling the person is looking at' });
    let replyId = '';
    doc.transact(() => {
      replyId = addMessage(doc, { role: 'assistant', parentId: u2, now: 5, status: 'queued' });
      switchBranch(doc, other);
    });
    await waitForStatus(doc, replyId, 'done');

    const [request] = stack.fake.streams(word);
    const messages = request!.body.messages!;
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(messages.slice(1).map((m) => m.content)).toEqual([
      `first ${word}`,
      'first answer',
      'second, on this branch',
    ]);
    const system = String(messages[0]!.content);
    expect(system).toContain(`Talk like a pirate ${word}.`);
    expect(system).toContain("The user's name is Ada.");
    expect(system).toContain('concise');
    t.close();
  });
});

describe('a request is data', () => {
  it('is answered with the mode and instructions pinned when it was sent, not those of when it runs', async () => {
    const { userId, devices } = await signUp(stack.hearth.url);
    const word = marker('pinned');
    const [pirate, lawyer] = [newId(), newId()];
    const t = await newThread(devices[0]!, userId, { modeId: pirate });
    createMode(t.index.doc, { id: pirate, name: 'Pirate', systemPrompt: `Talk like a pirate ${word}.`, now: 1 });
    createMode(t.index.doc, { id: lawyer, name: 'Lawyer', systemPrompt: 'Talk like a lawyer.', now: 2 });
    writeSetting(t.index.doc, 'customInstructions', { name: 'Ada', occupation: '', traits: [], about: '' });

    // Sent offline, as the app sends: the placeholder pins the pirate mode and Ada.
    t.thread.provider.disconnect();
    const pin = instructionsNow(t.index.doc, t.threadId);
    const { replyId } = sendMessage(t.thread.doc, `Ahoy ${word}`, 'openai/gpt-4.1-mini', Date.now(), pin);
    // Before the server sees it, the person rewrites that mode, picks another, renames themself.
    updateMode(t.index.doc, pirate, { systemPrompt: 'A rewritten prompt.' });
    setThreadMode(t.index.doc, t.threadId, lawyer, Date.now());
    writeSetting(t.index.doc, 'customInstructions', { name: 'Grace', occupation: '', traits: [], about: '' });
    await serverSees(devices[0]!, indexDocName(userId), (doc) => readThread(doc, t.threadId)?.modeId === lawyer);

    t.thread.provider.connect();
    await waitForStatus(t.thread.doc, replyId, 'done');
    const [request] = stack.fake.streams(word);
    const system = String(request!.body.messages![0]!.content);
    expect(system).toContain(`Talk like a pirate ${word}.`);
    expect(system).toContain("The user's name is Ada.");
    expect(system).not.toMatch(/rewritten|lawyer|Grace/);
    t.close();
  });

  it('answers a message queued offline once it syncs, exactly once, with two devices online', async () => {
    const { userId, devices } = await signUp(stack.hearth.url, 2);
    const [laptop, phone] = devices;
    const word = marker('offline');
    const a = await newThread(laptop!, userId);
    const b = await connectDoc(phone!, threadDocName(userId, a.threadId));

    a.thread.provider.disconnect();
    const { replyId } = send(a.thread.doc, `Sent on a plane ${word}`);
    const onServer = await serverCopy(phone!, threadDocName(userId, a.threadId));
    expect(readMessage(onServer, replyId)).toBeUndefined();
    expect(stack.fake.chats(word)).toHaveLength(0);

    // Reconnect twice in a row, as a flaky network would: still one generation.
    a.thread.provider.connect();
    a.thread.provider.disconnect();
    a.thread.provider.connect();
    const onPhone = await waitForStatus(b.doc, replyId, 'done');
    await waitForStatus(a.thread.doc, replyId, 'done');
    expect(onPhone.text).toBe(`Echo: Sent on a plane ${word}`);
    // Only a claim (queued to streaming) makes a request, and once done the reply is never
    // queued again: what the provider got by now is all it ever gets for this reply.
    expect(stack.fake.streams(word)).toHaveLength(1);
    a.close();
    b.provider.destroy();
  });

  it('answers a message uploaded through /api/sync, once however often it is uploaded', async () => {
    const { userId, devices } = await signUp(stack.hearth.url, 2);
    const [laptop, phone] = devices;
    const word = marker('batch');
    const t = await newThread(laptop!, userId);
    const name = threadDocName(userId, t.threadId);
    const watcher = await connectDoc(phone!, name);
    const offline = copyOf(t.thread.doc);
    t.close();
    const { replyId } = send(offline, `Queued while offline ${word}`);
    const update = Buffer.from(Y.encodeStateAsUpdate(offline)).toString('base64');
    // The same upload twice in one request (applied back to back in one tick), then again.
    for (const updates of [
      [
        { name, update },
        { name, update },
      ],
      [{ name, update }],
    ]) {
      const result = await laptop!.post<SyncResponse>('/api/sync', { docs: [], updates });
      expect(result.status).toBe(200);
    }
    const done = await waitForStatus(watcher.doc, replyId, 'done');
    expect(done.text).toBe(`Echo: Queued while offline ${word}`);
    expect(stack.fake.streams(word)).toHaveLength(1);
    watcher.provider.destroy();
  });

  it('retries a failed reply in place when a device queues it again', async () => {
    const { userId, devices } = await signUp(stack.hearth.url);
    const t = await newThread(devices[0]!, userId);
    const word = marker('retry');
    stack.fake.onPrompt(word, { error: 500 }, 1);
    const { replyId } = send(t.thread.doc, `Flaky ${word}`);
    const failed = await waitForStatus(t.thread.doc, replyId, 'error');
    expect(failed.error).toContain('error 500');
    requeueReply(t.thread.doc, replyId);
    const done = await waitForStatus(t.thread.doc, replyId, 'done');
    expect(done.text).toBe(`Echo: Flaky ${word}`);
    expect(done.error).toBeNull();
    expect(stack.fake.streams(word)).toHaveLength(2);
    t.close();
  });
});

describe('titles', () => {
  it('names the thread after its first reply, and only then', async () => {
    const { userId, devices } = await signUp(stack.hearth.url);
    const t = await newThread(devices[0]!, userId);
    const word = marker('title');
    stack.fake.when((r) => !r.stream && JSON.stringify(r.messages).includes(word), { reply: '"Packing for Lisbon."' });
    const first = send(t.thread.doc, `What should I pack for Lisbon? ${word}`);
    await waitForStatus(t.thread.doc, first.replyId, 'done');
    await eventually(() => readThread(t.index.doc, t.threadId)?.title === 'Packing for Lisbon', 'the thread is named');
    expect(readThread(t.index.doc, t.threadId)?.titleByUser).toBe(false);

    const second = send(t.thread.doc, `And for Porto? ${word}`, { parentId: first.replyId });
    await waitForStatus(t.thread.doc, second.replyId, 'done');
    await answerAfter(t.thread.doc, second.replyId);
    expect(stack.fake.chats(word).filter((r) => !r.body.stream)).toHaveLength(1);
    t.close();
  });

  it('keeps a title the person set', async () => {
    const { userId, devices } = await signUp(stack.hearth.url);
    const t = await newThread(devices[0]!, userId, { title: 'My own title' });
    const word = marker('kept');
    const { replyId } = send(t.thread.doc, `Hello ${word}`);
    await waitForStatus(t.thread.doc, replyId, 'done');
    await answerAfter(t.thread.doc, replyId);
    expect(readThread(t.index.doc, t.threadId)?.title).toBe('My own title');
    expect(stack.fake.chats(word).filter((r) => !r.body.stream)).toHaveLength(0);
    t.close();
  });

  it('leaves the default title when naming fails', async () => {
    const { userId, devices } = await signUp(stack.hearth.url);
    const t = await newThread(devices[0]!, userId);
    const word = marker('notitle');
    stack.fake.when((r) => !r.stream && JSON.stringify(r.messages).includes(word), { error: 500 });
    const { replyId } = send(t.thread.doc, `Hi ${word}`);
    await waitForStatus(t.thread.doc, replyId, 'done');
    await eventually(
      () => stack.hearth.logs.some((line) => line.includes('could not name a thread') && line.includes(userId)),
      'the server gave up naming the thread',
    );
    expect(stack.fake.chats(word).filter((r) => !r.body.stream)).toHaveLength(1);
    expect(readThread(await serverCopy(devices[0]!, indexDocName(userId)), t.threadId)?.title).toBe('New chat');
    t.close();
  });
});

describe('usage', () => {
  it('lands on the message and in /api/usage per day and model', async () => {
    const { userId, devices } = await signUp(stack.hearth.url);
    const api = devices[0]!;
    const t = await newThread(api, userId, { title: 'No title call' });
    const word = marker('usage');
    stack.fake.onPrompt(word, { reply: 'one two three' });
    const first = send(t.thread.doc, `Count ${word}`);
    await waitForStatus(t.thread.doc, first.replyId, 'done');
    const second = send(t.thread.doc, `Again ${word}`, { parentId: first.replyId, model: 'openai/gpt-4o-mini' });
    await waitForStatus(t.thread.doc, second.replyId, 'done');
    expect(readMessage(t.thread.doc, first.replyId)?.usage).toEqual({ inputTokens: 2, outputTokens: 3 });

    const usage = await api.get<{ from: string; to: string; rows: unknown[] }>('/api/usage?days=7');
    expect(usage.status).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    expect(usage.body.to).toBe(today);
    expect(usage.body.rows).toEqual([
      { day: today, model: 'openai/gpt-4.1-mini', requests: 1, inputTokens: 2, outputTokens: 3 },
      { day: today, model: 'openai/gpt-4o-mini', requests: 1, inputTokens: 2 + 3 + 2, outputTokens: 3 },
    ]);
    for (const bad of ['0', '366', 'ten', '1.5']) {
      const refused = await api.get(`/api/usage?days=${bad}`);
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body)).toContain('days');
    }
    expect((await api.get('/api/usage')).status).toBe(200);
    t.close();
  });

  it('bumps the thread in the index when the reply ends ([S14])', async () => {
    const { userId, devices } = await signUp(stack.hearth.url);
    const t = await newThread(devices[0]!, userId, { title: 'Bump' });
    const before = readThread(t.index.doc, t.threadId)!.updatedAt;
    const { replyId } = send(t.thread.doc, `Hi ${marker('bump')}`);
    await waitForStatus(t.thread.doc, replyId, 'done');
    await eventually(() => readThread(t.index.doc, t.threadId)!.updatedAt > before, 'updatedAt moved');
    t.close();
  });
});
