// Search by meaning on the real server with the fake provider's embeddings (a bag of words
// in which "automobile" means "car"): off until the person turns it on, then every message
// is embedded in the background and queries are answered by words and meaning fused. A
// provider that fails takes meaning away, never the search; a restart resumes indexing
// without embedding anything twice; a new model embeds again; each user's vectors are theirs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { deleteThread } from '../../shared/docs/index-doc';
import { indexDocName } from '../../shared/docs/names';
import { addMessage } from '../../shared/docs/thread-doc';
import { marker, newThread, SHARED_KEY, type Stack, serverSees, signUp, startStack } from '../fake-ai/chat-helpers';
import { ApiClient } from '../support/api-client';
import { startHearth } from '../support/hearth';
import { search, searchStatus, turnMeaningOn, whenEmbedded, whenFound } from '../support/search';
import { eventually } from '../support/sync-device';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ env: { HEARTH_AI_TIMEOUT_SECONDS: '1' } });
});
afterAll(() => stack.stop());

/** Adds each text as a message of its own; returns their ids in order. */
function write(doc: Y.Doc, texts: string[]): string[] {
  let ids: string[] = [];
  doc.transact(() => {
    ids = texts.map((text, i) => addMessage(doc, { role: 'user', parentId: null, now: i + 1, text }));
  });
  return ids;
}

/** A person with a thread holding `texts`, all indexed by words. */
async function personWith(texts: string[]) {
  const account = await signUp(stack.hearth.url);
  const device = account.devices[0]!;
  const thread = await newThread(device, account.userId);
  const ids = write(thread.thread.doc, texts);
  const word = texts[0]!.split(' ').at(-1)!;
  await whenFound(
    device,
    word,
    ids.filter((_, i) => texts[i]!.includes(word)),
  );
  return { ...account, device, thread, ids };
}

describe('search by meaning', () => {
  it('is off until turned on, then finds by meaning what shares no word, fused with matches by words', async () => {
    const tag = marker('m1');
    const { device, thread, ids } = await personWith([
      `my car broke down on the highway ${tag}`,
      `the automobile needs new tires ${tag}`,
      `a recipe for pancakes with syrup ${tag}`,
    ]);
    const [car, automobile] = ids;
    expect((await search(device, 'vehicle')).results).toEqual([]);
    const before = await searchStatus(device);
    expect(before.meaning).toMatchObject({ on: false, model: 'openai/text-embedding-3-small', indexed: 0, total: 3 });
    expect(before.meaning.estimate.tokens).toBeGreaterThan(0);
    expect(before.meaning.models.find((m) => m.id === 'openai/text-embedding-3-small')).toMatchObject({
      paidBy: 'server',
      usdPerMillionTokens: 0.02,
    });
    expect(stack.fake.embeddedTexts().filter((t) => t.includes(tag))).toEqual([]);

    await turnMeaningOn(device);
    await whenEmbedded(device, 3);
    const asked = stack.fake.embeddingRequests().find((r) => JSON.stringify(r.body.input).includes(tag));
    expect(asked?.body).toMatchObject({ model: 'text-embedding-3-small', dimensions: 512, encoding_format: 'base64' });
    expect(asked?.apiKey).toBe(SHARED_KEY);

    const byMeaning = await search(device, 'vehicle');
    expect(byMeaning.meaningUnavailable).toBeUndefined();
    expect(byMeaning.results.map((r) => r.messageId).sort()).toEqual([car, automobile].sort());
    for (const result of byMeaning.results) expect(result).toMatchObject({ matchedBy: ['meaning'], marks: [] });
    expect(byMeaning.results.find((r) => r.messageId === car)!.snippet).toContain('my car broke down');

    const both = await search(device, 'car');
    expect(both.results.map((r) => r.messageId)).toEqual([car, automobile]);
    expect(both.results[0]!.matchedBy.sort()).toEqual(['meaning', 'text']);
    expect(both.results[1]!.matchedBy).toEqual(['meaning']);
    expect(both.results[0]!.score).toBeGreaterThan(both.results[1]!.score);
    thread.close();
  });

  it("compares a person's query with their own vectors only", async () => {
    const tag = marker('iso');
    const ada = await personWith([`the kitten sleeps on the sofa ${tag}`]);
    const bob = await personWith([`the cat sleeps on the sofa ${tag}`]);
    await turnMeaningOn(ada.device);
    await turnMeaningOn(bob.device);
    await whenEmbedded(ada.device, 1);
    await whenEmbedded(bob.device, 1);
    expect((await search(ada.device, 'feline')).results.map((r) => r.messageId)).toEqual(ada.ids);
    expect((await search(bob.device, 'feline')).results.map((r) => r.messageId)).toEqual(bob.ids);
    ada.thread.close();
    bob.thread.close();
  });

  it('forgets the vectors of a deleted chat at once', async () => {
    const tag = marker('del');
    const { device, thread, userId } = await personWith([`we adopted a puppy today ${tag}`]);
    await turnMeaningOn(device);
    await whenEmbedded(device, 1);
    expect((await search(device, 'canine')).results).toHaveLength(1);
    deleteThread(thread.index.doc, thread.threadId, Date.now());
    await serverSees(device, indexDocName(userId), () => true);
    expect((await search(device, 'canine')).results).toEqual([]);
    expect((await searchStatus(device)).meaning).toMatchObject({ indexed: 0, total: 0 });
    thread.close();
  });

  it('embeds everything again with a newly chosen model, and never mixes the two', async () => {
    const tag = marker('model');
    const { device, thread } = await personWith([`the physician was kind ${tag}`, `an ocean view ${tag}`]);
    await turnMeaningOn(device);
    await whenEmbedded(device, 2);
    await turnMeaningOn(device, 'openai/text-embedding-3-large');
    expect((await searchStatus(device)).meaning.model).toBe('openai/text-embedding-3-large');
    await whenEmbedded(device, 2);
    const large = stack.fake.embeddingRequests().filter((r) => r.body.model === 'text-embedding-3-large');
    expect(large.flatMap((r) => r.body.input as string[]).filter((t) => t.includes(tag))).toHaveLength(2);
    expect(large.every((r) => r.body.dimensions === 1024)).toBe(true);
    const found = await search(device, 'doctor');
    expect(found.results.map((r) => r.matchedBy)).toEqual([['meaning']]);
    thread.close();
  });
});

describe('when the provider fails', () => {
  it('answers by words with the reason, for a refused key, a rate limit and a provider that hangs', async () => {
    const tag = marker('fail');
    const { device, thread, ids } = await personWith([`the film was long ${tag}`]);
    await turnMeaningOn(device);
    await whenEmbedded(device, 1);
    const cases = [
      { behaviour: { error: 401 as const }, reason: "The server's OpenAI key was refused" },
      { behaviour: { error: 429 as const }, reason: 'OpenAI is limiting requests right now' },
      { behaviour: { hang: true }, reason: 'OpenAI sent nothing for 1 second' },
    ];
    // Each query is new, so none is answered from the cache of query vectors.
    const queries = [`${tag} long`, `long ${tag}`, `${tag} LONG`];
    for (const [i, { behaviour, reason }] of cases.entries()) {
      stack.fake.onEmbeddings(behaviour, 1);
      const answer = await search(device, queries[i]!);
      expect(answer.results.map((r) => r.messageId)).toEqual(ids);
      expect(answer.results[0]!.matchedBy).toEqual(['text']);
      expect(answer.meaningUnavailable).toContain('Found by words only');
      expect(answer.meaningUnavailable).toContain(reason);
      expect(answer.meaningUnavailable).not.toContain(SHARED_KEY);
    }
    expect((await search(device, 'movie')).meaningUnavailable).toBeUndefined();
    thread.close();
  });

  it('stops indexing with the reason shown, and resumes when asked again', async () => {
    const tag = marker('stop');
    const { device, thread } = await personWith([`happy birthday ${tag}`]);
    stack.fake.onEmbeddings({ error: 401 }, 1);
    await turnMeaningOn(device);
    await eventually(async () => (await searchStatus(device)).meaning.error !== null, 'indexing to stop');
    const stopped = await searchStatus(device);
    expect(stopped.meaning).toMatchObject({ indexed: 0, total: 1 });
    expect(stopped.meaning.error).toContain("The server's OpenAI key was refused");
    await turnMeaningOn(device);
    await whenEmbedded(device, 1);
    expect((await searchStatus(device)).meaning.error).toBeNull();
    thread.close();
  });
});

describe('settings', () => {
  it('refuses a model Hearth does not know, or one without a key', async () => {
    const { devices } = await signUp(stack.hearth.url);
    const put = (body: unknown) => devices[0]!.request('PUT', '/api/search/settings', body);
    expect((await put({ meaning: true, model: 'openai/nope' })).status).toBe(400);
    const google = await put({ meaning: true, model: 'google/gemini-embedding-001' });
    expect(google.status).toBe(400);
    expect(google.body).toMatchObject({ error: { fields: { model: expect.stringContaining('needs a Google key') } } });
    expect((await put({ meaning: 'yes' })).status).toBe(400);
    expect((await searchStatus(devices[0]!)).meaning.on).toBe(false);
    expect((await new ApiClient(stack.hearth.url).get('/api/search/status')).status).toBe(401);
  });
});

describe('a custom endpoint', () => {
  it("embeds with its model (Ollama's nomic-embed-text) where private addresses are allowed, and is never called where not", async () => {
    const tag = marker('custom');
    const allowed = await startHearth({ env: { HEARTH_ALLOW_PRIVATE_ENDPOINTS: 'on' } });
    const { userId, devices, email, password } = await signUp(allowed.url);
    const device = devices[0]!;
    const key = await device.request('PUT', '/api/keys/custom', { apiKey: '', baseURL: stack.fake.url });
    expect(key.status).toBe(200);
    const t = await newThread(device, userId);
    const [id] = write(t.thread.doc, [`the dog chased a ball ${tag}`]);
    await whenFound(device, tag, [id!]);
    await turnMeaningOn(device, 'custom/nomic-embed-text');
    await whenEmbedded(device, 1);
    const asked = stack.fake.embeddingRequests().find((r) => JSON.stringify(r.body.input).includes(tag));
    expect(asked?.body).toMatchObject({ model: 'nomic-embed-text', encoding_format: 'float' });
    expect(asked?.body).not.toHaveProperty('dimensions');
    expect((await search(device, 'puppy')).results.map((r) => r.messageId)).toEqual([id]);
    t.close();
    await allowed.stop();

    const refused = await startHearth({ dataDir: allowed.dataDir, env: { HEARTH_ALLOW_PRIVATE_ENDPOINTS: 'off' } });
    const again = new ApiClient(refused.url);
    await again.post('/api/auth/login', { email, password });
    const calls = stack.fake.embeddingRequests().length;
    const answer = await search(again, `hound ${tag}`);
    expect(answer.results).toEqual([]);
    expect(answer.meaningUnavailable).toContain('private network');
    expect(stack.fake.embeddingRequests()).toHaveLength(calls);
    await refused.stop();
  });
});

describe('after a crash', () => {
  it('resumes indexing where it stopped, embedding nothing twice', async () => {
    const tag = marker('resume');
    const texts = Array.from({ length: 300 }, (_, i) => `note ${i} about the sea ${tag}`);
    const first = await startHearth({ env: { OPENAI_API_KEY: SHARED_KEY, OPENAI_BASE_URL: stack.fake.url } });
    const { userId, devices, email, password } = await signUp(first.url);
    const t = await newThread(devices[0]!, userId);
    write(t.thread.doc, texts);
    await eventually(
      async () => (await searchStatus(devices[0]!)).meaning.total === 300,
      'every message indexed by words',
    );
    // Two requests are answered; the third never is, and the server is killed while it waits.
    stack.fake.onEmbeddings({}, 2).onEmbeddings({ hang: true }, 1);
    const mine = () => stack.fake.embeddingRequests().filter((r) => JSON.stringify(r.body.input).includes(tag));
    await turnMeaningOn(devices[0]!);
    await eventually(() => mine().length === 3, 'the third request to reach the provider');
    const before = (await searchStatus(devices[0]!)).meaning.indexed;
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(300);
    t.close();
    await first.kill();

    const again = await startHearth({
      dataDir: first.dataDir,
      env: { OPENAI_API_KEY: SHARED_KEY, OPENAI_BASE_URL: stack.fake.url },
    });
    const device = new ApiClient(again.url);
    await device.post('/api/auth/login', { email, password });
    await whenEmbedded(device, 300);
    const embedded = stack.fake.embeddedTexts().filter((text) => text.includes(tag));
    expect(embedded).toHaveLength(300);
    expect(new Set(embedded).size).toBe(300);
    expect((await search(device, 'ocean')).results.length).toBeGreaterThan(0);
    await again.stop();
  });
});
