// Full-text search on the real server: every branch and the AI's own replies are indexed in
// the background, one user never sees another's messages, a deleted chat or account leaves
// the index at once, any query up to the limit answers, and the index file can be lost.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteThread } from '../../shared/docs/index-doc';
import { indexDocName } from '../../shared/docs/names';
import { addMessage, switchBranch } from '../../shared/docs/thread-doc';
import {
  marker,
  newThread,
  SHARED_KEY,
  type Stack,
  send,
  serverSees,
  signUp,
  startStack,
  waitForStatus,
} from '../fake-ai/chat-helpers';
import { startFakeAi } from '../fake-ai/fake-ai';
import { ApiClient } from '../support/api-client';
import { startHearth } from '../support/hearth';
import { found, indexRowsOf, search, turnMeaningOn, whenEmbedded, whenFound } from '../support/search';
import { eventually } from '../support/sync-device';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ fake: { defaults: { tokenDelayMs: 1 } } });
});
afterAll(() => stack.stop());

describe('what is indexed', () => {
  it('finds messages of every branch, and replies the server streamed', async () => {
    const { userId, devices } = await signUp(stack.hearth.url);
    const [device] = devices;
    const word = marker('branch');
    const t = await newThread(device!, userId);
    const first = addMessage(t.thread.doc, { role: 'user', parentId: null, now: 1, text: `first ${word} version` });
    const edited = addMessage(t.thread.doc, { role: 'user', parentId: null, now: 2, text: `edited ${word} version` });
    switchBranch(t.thread.doc, edited);
    await whenFound(device!, word, [first, edited]);

    const said = marker('reply');
    stack.fake.onPrompt(said, { reply: `Zebras are striped ${said}-answer` });
    const { userMessageId, replyId } = send(t.thread.doc, `Why ${said}?`);
    await waitForStatus(t.thread.doc, replyId, 'done');
    await whenFound(device!, `${said}-answer zebras`, [replyId]);
    const [hit] = (await search(device!, `zebras ${said}-answer`)).results;
    expect(hit).toMatchObject({ threadId: t.threadId, messageId: replyId, matchedBy: ['text'] });
    expect(hit!.marks.map(([a, b]) => hit!.snippet.slice(a, b).toLowerCase())).toContain('zebras');
    expect(await found(device!, `why ${said}`)).toContain(userMessageId);
    t.close();
  });
});

describe('privacy', () => {
  it('answers each user with their own messages only, for words both wrote', async () => {
    const ada = await signUp(stack.hearth.url);
    const bob = await signUp(stack.hearth.url);
    const shared = marker('shared');
    const a = await newThread(ada.devices[0]!, ada.userId);
    const b = await newThread(bob.devices[0]!, bob.userId);
    const adas = addMessage(a.thread.doc, { role: 'user', parentId: null, now: 1, text: `secret recipe ${shared}` });
    const bobs = addMessage(b.thread.doc, { role: 'user', parentId: null, now: 1, text: `secret recipe ${shared}` });
    await whenFound(ada.devices[0]!, `${shared} recipe`, [adas]);
    await whenFound(bob.devices[0]!, `${shared} recipe`, [bobs]);
    expect(await found(ada.devices[0]!, `owner : "u${bob.userId}"`)).toEqual([]);
    a.close();
    b.close();
  });

  it('answers only a signed-in person', async () => {
    const answer = await new ApiClient(stack.hearth.url).get('/api/search?q=anything');
    expect(answer.status).toBe(401);
  });
});

describe('deleting', () => {
  it('removes a deleted chat from the results at once', async () => {
    const { userId, devices } = await signUp(stack.hearth.url);
    const word = marker('doomed');
    const t = await newThread(devices[0]!, userId);
    const kept = await newThread(devices[0]!, userId);
    const goes = addMessage(t.thread.doc, { role: 'user', parentId: null, now: 1, text: `${word} goes` });
    const stays = addMessage(kept.thread.doc, { role: 'user', parentId: null, now: 1, text: `${word} stays` });
    await whenFound(devices[0]!, word, [goes, stays]);
    deleteThread(t.index.doc, t.threadId, Date.now());
    await serverSees(devices[0]!, indexDocName(userId), () => true);
    // The server stored the deletion before its answer to the probe: no waiting for the indexer.
    expect(await found(devices[0]!, word)).toEqual([stays]);
    t.close();
    kept.close();
  });

  it('removes every row of a deleted account from the index file, its vectors too', async () => {
    const fake = await startFakeAi();
    const hearth = await startHearth({ env: { OPENAI_API_KEY: SHARED_KEY, OPENAI_BASE_URL: fake.url } });
    const { userId, devices, password } = await signUp(hearth.url);
    const word = marker('account');
    const t = await newThread(devices[0]!, userId);
    const id = addMessage(t.thread.doc, { role: 'user', parentId: null, now: 1, text: `${word} text` });
    await whenFound(devices[0]!, word, [id]);
    await turnMeaningOn(devices[0]!);
    await whenEmbedded(devices[0]!, 1);
    expect(indexRowsOf(hearth.dataDir, userId)).toEqual({ docs: 1, messages: 1, text: 1, vectors: 1 });
    t.close();
    expect((await devices[0]!.delete('/api/account', { password })).status).toBe(200);
    // Read from the file the running server writes: an account's rows go in the background.
    const none = { docs: 0, messages: 0, text: 0, vectors: 0 };
    await eventually(() => JSON.stringify(indexRowsOf(hearth.dataDir, userId)) === JSON.stringify(none), 'no rows');
    await hearth.stop();
    await fake.close();
    expect(indexRowsOf(hearth.dataDir, userId)).toEqual(none);
  });
});

describe('bad input', () => {
  it('answers any query up to 1,000 characters, and refuses a longer one with a 400 that says so', async () => {
    const { userId, devices } = await signUp(stack.hearth.url);
    const device = devices[0]!;
    const word = marker('syntax');
    const t = await newThread(device, userId);
    const id = addMessage(t.thread.doc, { role: 'user', parentId: null, now: 1, text: `the ${word} "quoted" text` });
    await whenFound(device, word, [id]);
    const queries = [
      '',
      ' ',
      '"',
      `"${word}`,
      `${word}"`,
      `${word}*`,
      '*',
      `NEAR(${word} text)`,
      `-${word}`,
      `text:${word}`,
      `owner:${word}`,
      '{owner text}:x',
      '^',
      '(',
      ')',
      'AND',
      'OR NOT',
      ':',
      '\u0000',
      'é'.repeat(1000),
      `"${'a '.repeat(499)}"`,
    ];
    for (const q of queries) {
      expect(q.length).toBeLessThanOrEqual(1000);
      await expect(search(device, q), JSON.stringify(q.slice(0, 40))).resolves.toHaveProperty('results');
    }
    expect(await found(device, `"${word}`)).toEqual([id]);
    expect(await found(device, '')).toEqual([]);

    const long = await device.get(`/api/search?q=${'x'.repeat(1001)}`);
    expect(long.status).toBe(400);
    expect(long.body).toMatchObject({
      error: { code: 'validation', message: 'Use at most 1000 characters in a search.' },
    });
    for (const limit of ['0', '101', 'abc', '2.5']) {
      expect((await device.get(`/api/search?q=x&limit=${limit}`)).status, limit).toBe(400);
    }
    t.close();
  });
});

describe('the index file', () => {
  it('is rebuilt from the docs when it is deleted or damaged', async () => {
    const hearth = await startHearth();
    const { userId, devices, email, password } = await signUp(hearth.url);
    const word = marker('rebuilt');
    const t = await newThread(devices[0]!, userId);
    const id = addMessage(t.thread.doc, { role: 'user', parentId: null, now: 1, text: `${word} survives` });
    await whenFound(devices[0]!, word, [id]);
    t.close();
    await hearth.stop();

    for (const damage of [
      () => rmSync(path.join(hearth.dataDir, 'search.db')),
      () => writeFileSync(path.join(hearth.dataDir, 'search.db'), 'this is not a database'.repeat(500)),
    ]) {
      damage();
      rmSync(path.join(hearth.dataDir, 'search.db-wal'), { force: true });
      const again = await startHearth({ dataDir: hearth.dataDir });
      const device = new ApiClient(again.url);
      await device.post('/api/auth/login', { email, password });
      await whenFound(device, word, [id]);
      await again.stop();
    }
  });

  it('is not kept at all with HEARTH_SEARCH=off, and the endpoint says search is off', async () => {
    const hearth = await startHearth({ env: { HEARTH_SEARCH: 'off' } });
    const { devices } = await signUp(hearth.url);
    const answer = await devices[0]!.get('/api/search?q=anything');
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ error: { code: 'not_found' } });
    expect((await devices[0]!.get('/api/search/status')).body).toEqual({ enabled: false });
    await hearth.stop();
    expect(existsSync(path.join(hearth.dataDir, 'search.db'))).toBe(false);
  });
});
