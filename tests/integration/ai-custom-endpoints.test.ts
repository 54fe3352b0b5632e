// Several custom endpoints per person: each has a name, an address, its own key and models;
// replies to its models go to it with its key; input is checked, the number is limited, and
// another person never sees or reaches them. The one custom endpoint of an older Hearth
// survives the upgrade under its old id, so chats that use it keep working.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKeyInfo, KeysResponse, KeyTestResponse } from '../../shared/api/keys';
import { MAX_CUSTOM_ENDPOINTS } from '../../shared/api/keys';
import { addMessage } from '../../shared/docs/thread-doc';
import { marker, newThread, SHARED_KEY, send, signUp, waitForStatus } from '../fake-ai/chat-helpers';
import { type FakeAi, startFakeAi } from '../fake-ai/fake-ai';
import { ApiClient } from '../support/api-client';
import { type Hearth, startHearth } from '../support/hearth';

const KEY_A = 'sk-endpoint-a-ABCDEFGHIJKLMNOP-aaaa';
const KEY_B = 'sk-endpoint-b-QRSTUVWXYZ012345-bbbb';

let hearth: Hearth;
let lab: FakeAi;
let cloud: FakeAi;
beforeAll(async () => {
  // Two providers, each taking only its own key; both on 127.0.0.1, so private endpoints are allowed.
  [lab, cloud] = await Promise.all([startFakeAi({ apiKeys: [KEY_A] }), startFakeAi({ apiKeys: [KEY_B] })]);
  hearth = await startHearth({
    env: { OPENAI_API_KEY: SHARED_KEY, OPENAI_BASE_URL: cloud.url, HEARTH_ALLOW_PRIVATE_ENDPOINTS: 'on' },
  });
});
afterAll(async () => {
  await hearth.stop();
  await Promise.all([lab.close(), cloud.close()]);
});

async function person() {
  const { userId, devices } = await signUp(hearth.url);
  const api = devices[0]!;
  const add = (body: unknown) => api.request<ApiKeyInfo>('POST', '/api/keys/custom', body);
  const put = (provider: string, body: unknown) => api.request<ApiKeyInfo>('PUT', `/api/keys/${provider}`, body);
  const keys = async () => (await api.get<KeysResponse>('/api/keys')).body.keys;
  return { userId, api, add, put, keys };
}

describe('custom endpoints', () => {
  it('are added, listed, changed and removed, each under an id of its own', async () => {
    const { api, add, put, keys } = await person();
    const models = [{ id: 'fake-small', label: 'Small', contextWindow: 8_000, vision: false }];
    const first = await add({ name: ' Lab ', baseURL: lab.url, apiKey: KEY_A, models });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      provider: expect.stringMatching(/^custom:[A-Za-z0-9_-]+$/),
      name: 'Lab',
      last4: 'aaaa',
      createdAt: expect.any(Number),
      baseURL: lab.url,
      models,
    });
    const second = await add({ name: 'Cloud', baseURL: cloud.url, apiKey: KEY_B });
    expect(second.body.provider).not.toBe(first.body.provider);
    // Listed by name.
    expect(await keys()).toEqual([second.body, first.body]);

    // A change keeps what it leaves out: the key, the address, the models.
    const renamed = await put(first.body.provider, { name: 'Basement lab' });
    expect(renamed.body).toMatchObject({ name: 'Basement lab', last4: 'aaaa', baseURL: lab.url, models });
    const withModels = await put(first.body.provider, { models: [{ id: 'fake-small', contextWindow: 4_096 }] });
    expect(withModels.body.models).toEqual([{ id: 'fake-small', contextWindow: 4_096 }]);
    expect((await api.post<KeyTestResponse>(`/api/keys/${first.body.provider}/test`)).body).toEqual({
      ok: true,
      message: 'The key works: Basement lab answered and offers 4 models.',
    });

    expect((await api.delete(`/api/keys/${first.body.provider}`)).status).toBe(200);
    expect((await keys()).map((k) => k.provider)).toEqual([second.body.provider]);
    expect((await api.delete(`/api/keys/${first.body.provider}`)).status).toBe(404);
    // An id the server did not issue is not created by a PUT.
    expect((await put('custom:made-up', { name: 'Mine', baseURL: lab.url })).status).toBe(404);
  });

  it('each answer with its own key at its own address, beside the old `custom` one', async () => {
    const { userId, api, add, put } = await person();
    const a = (await add({ name: 'Lab', baseURL: lab.url, apiKey: KEY_A, models: [{ id: 'fake-small' }] })).body;
    const b = (await add({ name: 'Cloud', baseURL: cloud.url, apiKey: KEY_B, models: [{ id: 'fake-small' }] })).body;
    expect((await put('custom', { apiKey: KEY_B, baseURL: cloud.url })).body.name).toBe(new URL(cloud.url).host);

    // Each message starts a branch of its own, so no prompt carries another's words.
    const t = await newThread(api, userId);
    const word = marker('two');
    const toA = send(t.thread.doc, `A ${word}`, { model: `${a.provider}/fake-small` });
    expect((await waitForStatus(t.thread.doc, toA.replyId, 'done')).model).toBe(`${a.provider}/fake-small`);
    const toB = send(t.thread.doc, `B ${word}`, { model: `${b.provider}/fake-small` });
    await waitForStatus(t.thread.doc, toB.replyId, 'done');
    const toOld = send(t.thread.doc, `Old ${word}`, { model: 'custom/fake-small' });
    await waitForStatus(t.thread.doc, toOld.replyId, 'done');

    expect(lab.streams(`A ${word}`).map((r) => r.apiKey)).toEqual([KEY_A]);
    expect(lab.streams(`B ${word}`)).toEqual([]);
    expect(cloud.streams(`A ${word}`)).toEqual([]);
    expect(cloud.streams(`B ${word}`).map((r) => [r.apiKey, r.body.model])).toEqual([[KEY_B, 'fake-small']]);
    expect(cloud.streams(`Old ${word}`).map((r) => r.apiKey)).toEqual([KEY_B]);

    // Removed, its models say so and call nobody.
    await api.delete(`/api/keys/${a.provider}`);
    const gone = send(t.thread.doc, `Gone ${word}`, { model: `${a.provider}/fake-small` });
    const failed = await waitForStatus(t.thread.doc, gone.replyId, 'error');
    expect(failed.error).toBe(
      'That custom endpoint is not set up any more. Add it again in Settings, or pick another model.',
    );
    expect(lab.chats(`Gone ${word}`)).toEqual([]);
    t.close();
    expect(hearth.logs.join('\n')).not.toContain(KEY_A.slice(0, 16));
  });

  it('each fit a chat to the context window given for their model', async () => {
    const { userId, api, add } = await person();
    const small = (
      await add({
        name: 'Small',
        baseURL: lab.url,
        apiKey: KEY_A,
        models: [{ id: 'fake-small', contextWindow: 2_000 }],
      })
    ).body;
    const large = (await add({ name: 'Large', baseURL: lab.url, apiKey: KEY_A, models: [{ id: 'fake-small' }] })).body;
    const t = await newThread(api, userId);
    let parentId: string | null = null;
    for (let i = 0; i < 30; i++) {
      const q = addMessage(t.thread.doc, {
        role: 'user',
        parentId,
        now: i * 2 + 1,
        text: `q${i} ${'lorem ipsum '.repeat(15)}`,
      });
      parentId = addMessage(t.thread.doc, {
        role: 'assistant',
        parentId: q,
        now: i * 2 + 2,
        text: `a${i} ${'dolor sit '.repeat(18)}`,
      });
    }
    const word = marker('window');
    const one = send(t.thread.doc, `small ${word}`, { model: `${small.provider}/fake-small`, parentId });
    await waitForStatus(t.thread.doc, one.replyId, 'done');
    const two = send(t.thread.doc, `large ${word}`, { model: `${large.provider}/fake-small`, parentId });
    await waitForStatus(t.thread.doc, two.replyId, 'done');
    const sent = (prompt: string) => lab.streams(prompt)[0]?.body.messages?.length ?? 0;
    expect(sent(`small ${word}`)).toBeLessThan(30);
    expect(sent(`large ${word}`)).toBeGreaterThan(60);
    t.close();
  });

  it('check what they are given', async () => {
    const { add, put, keys } = await person();
    const field = async (result: Promise<{ status: number; body: unknown }>, name: string) => {
      const { status, body } = await result;
      expect(status, JSON.stringify(body)).toBe(400);
      return (body as { error: { fields: Record<string, string> } }).error.fields[name];
    };
    expect(await field(add({ name: '  ', baseURL: lab.url }), 'name')).toBe('Enter a name for the endpoint.');
    expect(await field(add({ baseURL: lab.url }), 'name')).toBe('Enter a name for the endpoint.');
    expect(await field(add({ name: 'x'.repeat(61), baseURL: lab.url }), 'name')).toBe(
      'Use at most 60 characters for the name.',
    );
    expect(await field(add({ name: 'Lab' }), 'baseURL')).toBeTruthy();
    expect(await field(add({ name: 'Lab', baseURL: 'ftp://host/v1' }), 'baseURL')).toBeTruthy();
    const dupes = [{ id: 'm' }, { id: 'm' }];
    expect(await field(add({ name: 'Lab', baseURL: lab.url, models: dupes }), 'models')).toBe(
      'Each model id may be listed once.',
    );
    const badWindow = [{ id: 'm', contextWindow: 'big' }];
    expect(await field(add({ name: 'Lab', baseURL: lab.url, models: badWindow }), 'models.0.contextWindow')).toBe(
      'Enter the context window as a number of tokens.',
    );
    expect((await add({ name: 'Lab', baseURL: lab.url, models: [{ id: 'm', vision: 'yes' }] })).status).toBe(400);
    expect(await field(put('openai', { apiKey: KEY_A, name: 'Mine' }), 'baseURL')).toBeTruthy();

    const lab1 = (await add({ name: 'Lab', baseURL: lab.url, apiKey: KEY_A })).body;
    expect(await field(add({ name: 'LAB', baseURL: cloud.url }), 'name')).toBe(
      'You have an endpoint named “LAB” already.',
    );
    const other = (await add({ name: 'Other', baseURL: cloud.url })).body;
    expect(await field(put(other.provider, { name: 'lab' }), 'name')).toBe('You have an endpoint named “lab” already.');
    // The saved key is not sent to a new address unless it is typed again.
    expect(await field(put(lab1.provider, { baseURL: cloud.url }), 'apiKey')).toBe(
      'Enter the key again: a saved key is not sent to a new address.',
    );
    expect((await put(lab1.provider, { baseURL: cloud.url, apiKey: KEY_B })).body.last4).toBe('bbbb');
    expect(await keys()).toHaveLength(2);
  });

  it(`are at most ${MAX_CUSTOM_ENDPOINTS} per person, and the next one is refused with a clear message`, async () => {
    const { add, put, keys } = await person();
    for (let i = 1; i < MAX_CUSTOM_ENDPOINTS; i++) {
      expect((await add({ name: `Endpoint ${i}`, baseURL: lab.url })).status).toBe(201);
    }
    expect((await put('custom', { apiKey: '', baseURL: lab.url })).status).toBe(200);
    const refused = await add({ name: 'One more', baseURL: lab.url });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      error: {
        code: 'conflict',
        message: `You have ${MAX_CUSTOM_ENDPOINTS} custom endpoints, as many as Hearth keeps. Remove one to add another.`,
      },
    });
    expect(await keys()).toHaveLength(MAX_CUSTOM_ENDPOINTS);
  });

  it('are seen and reached by their owner only', async () => {
    const owner = await person();
    const mine = (await owner.add({ name: 'Mine', baseURL: lab.url, apiKey: KEY_A, models: [{ id: 'fake-small' }] }))
      .body;
    const stranger = await person();
    expect(await stranger.keys()).toEqual([]);
    const id = mine.provider;
    expect((await stranger.put(id, { name: 'Taken', apiKey: KEY_B })).status).toBe(404);
    expect((await stranger.api.post(`/api/keys/${id}/test`)).status).toBe(404);
    expect((await stranger.api.get(`/api/keys/${id}/models`)).status).toBe(404);
    expect((await stranger.api.delete(`/api/keys/${id}`)).status).toBe(404);
    // The same name is free for someone else.
    expect((await stranger.add({ name: 'Mine', baseURL: cloud.url })).status).toBe(201);

    const t = await newThread(stranger.api, stranger.userId);
    const word = marker('stranger');
    const { replyId } = send(t.thread.doc, `Hi ${word}`, { model: `${id}/fake-small` });
    expect((await waitForStatus(t.thread.doc, replyId, 'error')).errorKind).toBe('no-key');
    expect(lab.requests.filter((r) => JSON.stringify(r.body).includes(word))).toEqual([]);
    t.close();
    expect((await owner.keys()).map((k) => k.name)).toEqual(['Mine']);
  });
});

describe('upgrading from one custom endpoint', () => {
  it('keeps it, named after its host, with its key, models and chats', async () => {
    const old = await startHearth({ env: { HEARTH_ALLOW_PRIVATE_ENDPOINTS: 'on' } });
    const api = new ApiClient(old.url);
    const { id: userId } = await api.signup();
    const models = [{ id: 'fake-small', label: 'Small', contextWindow: 8_000 }];
    expect((await api.request('PUT', '/api/keys/custom', { apiKey: KEY_A, baseURL: lab.url, models })).status).toBe(
      200,
    );
    await old.stop();
    // Back to the schema before several endpoints (version 4): no names.
    const db = new Database(path.join(old.dataDir, 'hearth.db'));
    db.exec('DROP INDEX api_keys_endpoint_name; ALTER TABLE api_keys DROP COLUMN name; PRAGMA user_version = 4;');
    db.close();

    const upgraded = await startHearth({ dataDir: old.dataDir, env: { HEARTH_ALLOW_PRIVATE_ENDPOINTS: 'on' } });
    try {
      const device = new ApiClient(upgraded.url);
      device.cookie = api.cookie;
      expect((await device.get<KeysResponse>('/api/keys')).body.keys).toEqual([
        {
          provider: 'custom',
          name: new URL(lab.url).host,
          last4: 'aaaa',
          createdAt: expect.any(Number),
          baseURL: lab.url,
          models,
        },
      ]);
      expect((await device.post<KeyTestResponse>('/api/keys/custom/test')).body.ok).toBe(true);
      const t = await newThread(device, userId);
      const word = marker('upgraded');
      const { replyId } = send(t.thread.doc, `Hi ${word}`, { model: 'custom/fake-small' });
      await waitForStatus(t.thread.doc, replyId, 'done');
      expect(lab.streams(word).map((r) => r.apiKey)).toEqual([KEY_A]);
      t.close();
      // And a second endpoint can now join it.
      const added = await device.request('POST', '/api/keys/custom', { name: 'Cloud', baseURL: cloud.url });
      expect(added.status).toBe(201);
    } finally {
      await upgraded.stop();
    }
  });
});
