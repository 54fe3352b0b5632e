// When replies go wrong: each provider failure ends in status error with words a person can
// act on; Stop aborts the upstream request at once and keeps the partial text; a crash
// mid-reply leaves it interrupted, text kept, after the restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { deleteThread } from '../../shared/docs/index-doc';
import { threadDocName } from '../../shared/docs/names';
import { messageText, readMessage, setMessageStatus } from '../../shared/docs/thread-doc';
import {
  type Account,
  marker,
  newThread,
  SHARED_KEY,
  type Stack,
  send,
  serverSees,
  signUp,
  startStack,
  storedCopy,
  waitForStatus,
  withDatabase,
} from '../fake-ai/chat-helpers';
import type { Behaviour } from '../fake-ai/fake-ai';
import { ApiClient } from '../support/api-client';
import { type Hearth, startHearth } from '../support/hearth';
import { connectDoc, eventually } from '../support/sync-device';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ env: { HEARTH_AI_TIMEOUT_SECONDS: '0.6' }, fake: { defaults: { tokenDelayMs: 2 } } });
});
afterAll(() => stack.stop());

const LONG_REPLY = Array.from({ length: 200 }, (_, i) => `token${i}`).join(' ');

async function failWith(behaviour: Behaviour, model?: string) {
  const { userId, devices } = await signUp(stack.hearth.url);
  const t = await newThread(devices[0]!, userId, { title: 'Failure' });
  const word = marker('fail');
  stack.fake.onPrompt(word, behaviour);
  const { replyId } = send(t.thread.doc, `Hello ${word}`, model ? { model } : {});
  const message = await waitForStatus(t.thread.doc, replyId, 'error');
  t.close();
  return { message, requests: stack.fake.streams(word) };
}

describe('provider failures end in a readable error', () => {
  it('401: the server key was refused', async () => {
    const { message } = await failWith({ error: 401 });
    expect(message.error).toBe(
      "The server's OpenAI key was refused. Add your own key in Settings → API keys, or ask the server's operator.",
    );
    expect(message.error).not.toContain(SHARED_KEY);
  });

  it('429: rate limited, and out of credit', async () => {
    expect((await failWith({ error: 429 })).message.error).toBe(
      'OpenAI is limiting requests right now (rate limit). Wait a moment, then retry.',
    );
    expect((await failWith({ error: 'quota' })).message.error).toContain('has run out of credit');
  });

  it('500: a problem on the provider’s side', async () => {
    expect((await failWith({ error: 500 })).message.error).toBe(
      'OpenAI had a problem on its side (error 500). Retry in a moment.',
    );
  });

  it('the connection is refused or dropped before an answer', async () => {
    const { message } = await failWith({ dropConnection: true });
    expect(message.error).toMatch(/^Could not reach OpenAI\./);
  });

  it('the connection breaks off mid-stream, keeping what arrived', async () => {
    const { message, requests } = await failWith({ reply: LONG_REPLY, disconnectAfterTokens: 5 });
    expect(message.error).toBe('The connection to OpenAI broke off mid-reply. Retry to get a complete answer.');
    expect(message.text).toBe('token0 token1 token2 token3 token4');
    expect(requests).toHaveLength(1);
  });

  it('timeout: nothing at all, or a stream that stalls', async () => {
    const silent = await failWith({ latencyMs: 3000 });
    expect(silent.message.error).toBe(
      'OpenAI sent nothing for 0.6 seconds, so Hearth stopped waiting. Retry, or pick a faster model.',
    );
    const stalled = await failWith({ reply: LONG_REPLY, stallAfterTokens: 3 });
    expect(stalled.message.error).toContain('sent nothing for 0.6 seconds');
    expect(stalled.message.text).toBe('token0 token1 token2');
  });

  it('context too long', async () => {
    const { message } = await failWith({ error: 'context_length' }, 'openai/gpt-4o');
    expect(message.error).toBe(
      'This conversation is too long for GPT-4o. Start a new thread, branch from an earlier message, or pick a model with a larger context window.',
    );
    expect(message.model).toBe('openai/gpt-4o');
  });

  it('a model of a provider with no key', async () => {
    const { userId, devices } = await signUp(stack.hearth.url);
    const t = await newThread(devices[0]!, userId);
    const { replyId } = send(t.thread.doc, 'Hi', { model: 'groq/llama-3.3-70b-versatile' });
    const message = await waitForStatus(t.thread.doc, replyId, 'error');
    expect(message.error).toBe('There is no Groq key. Add one in Settings → API keys, or pick another model.');
    t.close();
  });
});

describe('stop', () => {
  it('aborts the upstream request mid-stream and keeps the partial text', async () => {
    const { userId, devices } = await signUp(stack.hearth.url, 2);
    const [laptop, phone] = devices;
    const t = await newThread(laptop!, userId);
    const other = await connectDoc(phone!, threadDocName(userId, t.threadId));
    const word = marker('stop');
    stack.fake.onPrompt(word, { reply: LONG_REPLY, tokenDelayMs: 20 });
    const { replyId } = send(t.thread.doc, `Go on and on ${word}`);
    await eventually(() => (messageText(other.doc, replyId)?.length ?? 0) > 20, 'some text on the other device');

    // Stop from the phone, not the device that asked.
    setMessageStatus(other.doc, replyId, 'cancel');
    const stopped = await waitForStatus(t.thread.doc, replyId, 'cancelled');
    // The provider's stream was cut off, not left to run to its end.
    const [request] = stack.fake.streams(word);
    await eventually(() => request!.closedAt !== undefined, 'the provider request closed');
    expect(request!.finishedAt).toBeUndefined();
    expect(stopped.text.length).toBeGreaterThan(20);
    expect(LONG_REPLY.startsWith(stopped.text)).toBe(true);
    expect(stopped.error).toBeNull();

    // The other device ends with the same text. The ending is written after the last token
    // and the stream is closed, so nothing can follow it.
    const onPhone = await waitForStatus(other.doc, replyId, 'cancelled');
    expect(onPhone.text).toBe(stopped.text);
    t.close();
    other.provider.destroy();
  });

  it('cancels a reply still waiting for its turn without calling the provider', async () => {
    const { userId, devices } = await signUp(stack.hearth.url);
    const t = await newThread(devices[0]!, userId, { title: 'Queue' });
    const word = marker('waiting');
    stack.fake.onPrompt(word, { reply: LONG_REPLY, tokenDelayMs: 20 });
    // Three fill this user's slots; the fourth waits.
    const running = [1, 2, 3].map((i) => send(t.thread.doc, `busy ${i} ${word}`));
    await eventually(() => stack.fake.streams(word).length === 3, 'three replies running');
    const last = marker('last');
    const waiting = send(t.thread.doc, `the fourth ${last}`);
    // The server takes a change on in the same turn as it stores it, before anyone sees it.
    await serverSees(
      devices[0]!,
      threadDocName(userId, t.threadId),
      (doc) => readMessage(doc, waiting.replyId) !== undefined,
    );
    expect(readMessage(t.thread.doc, waiting.replyId)?.status).toBe('queued');
    setMessageStatus(t.thread.doc, waiting.replyId, 'cancel');
    await waitForStatus(t.thread.doc, waiting.replyId, 'cancelled');
    for (const r of running) setMessageStatus(t.thread.doc, r.replyId, 'cancel');
    for (const r of running) await waitForStatus(t.thread.doc, r.replyId, 'cancelled');
    // Cancelled while waiting, it was never claimed, so no request was made for it.
    expect(stack.fake.streams(last)).toHaveLength(0);
    t.close();
  });
});

describe('deleting the thread', () => {
  it('aborts its reply at once', async () => {
    const { userId, devices } = await signUp(stack.hearth.url);
    const t = await newThread(devices[0]!, userId, { title: 'Doomed' });
    const word = marker('deleted');
    stack.fake.onPrompt(word, { reply: LONG_REPLY, tokenDelayMs: 20 });
    const { replyId } = send(t.thread.doc, `Write a lot ${word}`);
    await eventually(() => (messageText(t.thread.doc, replyId)?.length ?? 0) > 20, 'part of the reply');
    deleteThread(t.index.doc, t.threadId, Date.now());
    await eventually(() => stack.fake.streams(word)[0]!.closedAt !== undefined, 'the provider request closed');
    expect(stack.fake.streams(word)[0]!.finishedAt).toBeUndefined();
    t.close();
  });
});

describe('restart', () => {
  /** A Hearth of its own on the shared fake provider, with an account and a thread open on it. */
  async function ownHearth(title: string, extraEnv: Record<string, string> = {}) {
    const env = { OPENAI_API_KEY: SHARED_KEY, OPENAI_BASE_URL: stack.fake.url, ...extraEnv };
    const first = await startHearth({ env });
    const account = await signUp(first.url);
    const t = await newThread(account.devices[0]!, account.userId, { title });
    const name = threadDocName(account.userId, t.threadId);
    return { first, env, account, userId: account.userId, devices: account.devices, t, name };
  }

  /** Signs `account` in on `hearth` (a new device) and opens `name` there. */
  async function openOn(hearth: Hearth, account: Account, name: string, doc?: Y.Doc) {
    const device = new ApiClient(hearth.url);
    await device.post('/api/auth/login', { email: account.email, password: account.password });
    return connectDoc(device, name, doc);
  }

  it('a kill -9 mid-reply leaves it interrupted with its partial text; queued ones run after restart', async () => {
    const fake = stack.fake;
    const { first, env, account, userId, t, name } = await ownHearth('Crash');
    const word = marker('crash');
    fake.onPrompt(word, { reply: LONG_REPLY, tokenDelayMs: 20 });
    const { replyId } = send(t.thread.doc, `Long story ${word}`);
    // Part of the reply is on disk (streamed text is stored at most 250 ms apart, [S1a]).
    const stored = () => readMessage(storedCopy(first.dataDir, userId, name), replyId)?.text ?? '';
    await eventually(() => stored().length > 60, 'part of the reply stored');
    const onDisk = stored();
    await first.kill();
    const seen = messageText(t.thread.doc, replyId)!.toString();
    t.close();

    // While the server is down, a device queues another message offline.
    const later = marker('later');
    const offline = send(t.thread.doc, `After the crash ${later}`, { parentId: replyId });

    const second = await startHearth({ dataDir: first.dataDir, env });
    try {
      const fresh = await openOn(second, account, name);
      const after = await waitForStatus(fresh.doc, replyId, 'interrupted');
      expect(after.text.startsWith(onDisk)).toBe(true);
      expect(seen.startsWith(after.text) || after.text.startsWith(seen)).toBe(true);
      expect(fake.streams(word).filter((r) => !JSON.stringify(r.body).includes(later))).toHaveLength(1);
      expect(second.logs.some((line) => line.includes('recovered unfinished replies'))).toBe(true);

      // The offline message reaches the restarted server through this device and is answered.
      const uploaded = await openOn(second, account, name, t.thread.doc);
      await waitForStatus(uploaded.doc, offline.replyId, 'done');
      expect(fake.streams(later)).toHaveLength(1);
      fresh.provider.destroy();
      uploaded.provider.destroy();
    } finally {
      await second.stop();
    }
  }, 30_000);

  // The index of unfinished replies only speeds a restart up: lose its rows, and the docs
  // still say which reply is owed.
  it.each(['kept', 'lost'] as const)(
    'a graceful stop ends streaming replies interrupted; a waiting one runs once after the restart, unprompted (index rows %s)',
    async (index) => {
      const fake = stack.fake;
      const { first, env, account, devices, t, name } = await ownHearth('Stop');
      const word = marker('sigterm');
      fake.onPrompt(word, { reply: LONG_REPLY, tokenDelayMs: 20 });
      const streaming = [1, 2, 3].map((i) => send(t.thread.doc, `Keep going ${i} ${word}`));
      await eventually(() => fake.streams(word).length === 3, 'three replies streaming');
      // The fourth waits for one of the user's three slots: queued in the doc and in the index.
      const waiter = marker('waiter');
      const waiting = send(t.thread.doc, `Wait your turn ${waiter}`);
      await serverSees(devices[0]!, name, (doc) => readMessage(doc, waiting.replyId)?.status === 'queued');
      await eventually(() => streaming.every((s) => (messageText(t.thread.doc, s.replyId)?.length ?? 0) > 20), 'text');

      const stopping = first.stop();
      // Devices still connected see the replies end before the server goes.
      for (const s of streaming) await waitForStatus(t.thread.doc, s.replyId, 'interrupted');
      await stopping;
      // Cut off, not waited for: a reply of 200 tokens does not hold the shutdown up.
      await eventually(() => fake.streams(word).every((r) => r.closedAt !== undefined), 'the provider requests closed');
      expect(fake.streams(word).every((r) => r.finishedAt === undefined)).toBe(true);
      expect(readMessage(t.thread.doc, waiting.replyId)?.status).toBe('queued');
      expect(fake.streams(waiter)).toHaveLength(0);
      t.close();
      if (index === 'lost') {
        expect(withDatabase(first.dataDir, (db) => db.prepare('DELETE FROM generations').run().changes)).toBe(1);
      }

      // With no device connected, the restarted server answers the reply that was waiting.
      const second = await startHearth({ dataDir: first.dataDir, env });
      try {
        await eventually(() => fake.streams(waiter).length === 1, 'the waiting reply is answered after the restart');
        const again = await openOn(second, account, name);
        const answered = await waitForStatus(again.doc, waiting.replyId, 'done');
        expect(answered.text).toBe(`Echo: Wait your turn ${waiter}`);
        for (const s of streaming) expect(readMessage(again.doc, s.replyId)?.status).toBe('interrupted');
        expect(fake.streams(word)).toHaveLength(3);
        expect(fake.streams(waiter)).toHaveLength(1);
        again.provider.destroy();
      } finally {
        await second.stop();
      }
    },
    30_000,
  );

  it('an index row saying a reply is running does not answer it again when its doc says done', async () => {
    const fake = stack.fake;
    const { first, env, account, userId, t, name } = await ownHearth('Stale');
    const word = marker('stale');
    const { replyId } = send(t.thread.doc, `Once only ${word}`);
    const answered = await waitForStatus(t.thread.doc, replyId, 'done');
    await first.stop();
    t.close();
    // As if the server died between storing the ending and removing the row.
    withDatabase(first.dataDir, (db) =>
      db
        .prepare(
          `INSERT INTO generations (doc_name, message_id, user_id, state, model, created_at, updated_at)
           VALUES (?, ?, ?, 'streaming', NULL, 0, 0)`,
        )
        .run(name, replyId, userId),
    );

    const second = await startHearth({ dataDir: first.dataDir, env });
    try {
      await eventually(
        () => second.logs.some((line) => line.includes('checked every thread for unfinished replies')),
        'the restarted server has looked at every thread',
      );
      const again = await openOn(second, account, name);
      expect(readMessage(again.doc, replyId)).toMatchObject({ status: 'done', text: answered.text });
      expect(fake.streams(word)).toHaveLength(1);
      again.provider.destroy();
    } finally {
      await second.stop();
    }
    expect(withDatabase(first.dataDir, (db) => db.prepare('SELECT count(*) FROM generations').pluck().get())).toBe(0);
  }, 30_000);
});
