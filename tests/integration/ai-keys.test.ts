// API keys: stored sealed, write-only from the client, tested with a cheap call, used for
// the user's replies; no key ever shows in a response body, a doc or a log line; and a
// custom endpoint on a private address is refused on a server with open sign-up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ApiKeyInfo, KeysResponse, KeyTestResponse, ProviderModelsResponse } from '../../shared/api/keys';
import { indexDocName } from '../../shared/docs/names';
import { marker, newThread, SHARED_KEY, type Stack, send, startStack, waitForStatus } from '../fake-ai/chat-helpers';
import { ApiClient, type ApiResult } from '../support/api-client';
import { type Hearth, startHearth } from '../support/hearth';
import { connectDoc } from '../support/sync-device';

const USER_KEY = 'sk-user-own-key-ABCDEFGHIJKLMNOP-9f3k';
const WRONG_KEY = 'sk-user-wrong-key-QRSTUVWXYZ-77xx';

/** A device that keeps every response body it received, to search them for keys. */
class RecordingClient extends ApiClient {
  readonly bodies: string[] = [];
  override async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const result: ApiResult<T> = await super.request<T>(method, path, body, headers);
    this.bodies.push(JSON.stringify(result.body ?? null), JSON.stringify([...result.headers]));
    return result;
  }
}

let stack: Stack;
beforeAll(async () => {
  // These tests point custom endpoints at the fake provider on 127.0.0.1.
  stack = await startStack({
    fake: { apiKeys: [SHARED_KEY, USER_KEY] },
    env: { HEARTH_ALLOW_PRIVATE_ENDPOINTS: 'on' },
  });
});
afterAll(() => stack.stop());

async function device() {
  const api = new RecordingClient(stack.hearth.url);
  const { id: userId } = await api.signup();
  return { api, userId };
}

describe('keys API', () => {
  it('stores a key and shows only its last four characters and date', async () => {
    const { api } = await device();
    const empty = await api.get<KeysResponse>('/api/keys');
    expect(empty.body).toEqual({ keys: [], serverDefault: { provider: 'openai' } });

    const put = await api.request<ApiKeyInfo>('PUT', '/api/keys/openrouter', { apiKey: ` ${USER_KEY} ` });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ provider: 'openrouter', last4: '9f3k', createdAt: expect.any(Number) });
    const listed = await api.get<KeysResponse>('/api/keys');
    expect(listed.body.keys).toEqual([put.body]);

    const replaced = await api.request<ApiKeyInfo>('PUT', '/api/keys/openrouter', { apiKey: WRONG_KEY });
    expect(replaced.body.last4).toBe('77xx');
    expect((await api.get<KeysResponse>('/api/keys')).body.keys).toHaveLength(1);

    expect((await api.delete('/api/keys/openrouter')).status).toBe(200);
    expect((await api.get<KeysResponse>('/api/keys')).body.keys).toEqual([]);
    expect((await api.delete('/api/keys/openrouter')).status).toBe(404);
  });

  it('validates what it is given', async () => {
    const { api } = await device();
    const put = (provider: string, body: unknown) => api.request('PUT', `/api/keys/${provider}`, body);
    expect((await put('cohere', { apiKey: USER_KEY })).status).toBe(404);
    expect((await put('openai', { apiKey: '' })).body).toMatchObject({
      error: { fields: { apiKey: 'Enter the API key.' } },
    });
    expect((await put('openai', { apiKey: 'sk-has a space' })).status).toBe(400);
    expect((await put('openai', { apiKey: USER_KEY, baseURL: 'https://evil.example/v1' })).status).toBe(400);
    expect((await put('custom', { apiKey: USER_KEY })).body).toMatchObject({
      error: { fields: { baseURL: expect.any(String) } },
    });
    expect((await put('custom', { apiKey: '', baseURL: 'ftp://host/v1' })).status).toBe(400);
    expect((await put('custom', { apiKey: '', baseURL: 'http://user:pw@host/v1' })).status).toBe(400);
    expect((await put('custom', { apiKey: '', baseURL: 'not a url' })).status).toBe(400);
    // A local endpoint may take no key at all.
    const local = await put('custom', {
      apiKey: '',
      baseURL: 'http://127.0.0.1:11434/v1',
      models: [{ id: 'llama3.2' }],
    });
    expect(local.body).toEqual({
      provider: 'custom',
      name: '127.0.0.1:11434',
      last4: '',
      createdAt: expect.any(Number),
      baseURL: 'http://127.0.0.1:11434/v1',
      models: [{ id: 'llama3.2' }],
    });
  });

  it('needs a signed-in user', async () => {
    const anonymous = new ApiClient(stack.hearth.url);
    expect((await anonymous.get('/api/keys')).status).toBe(401);
    expect((await anonymous.request('PUT', '/api/keys/openai', { apiKey: USER_KEY })).status).toBe(401);
  });

  it('tests a key with a cheap call and says plainly whether it works', async () => {
    const { api } = await device();
    const before = stack.fake.chats().length;
    await api.request('PUT', '/api/keys/custom', { apiKey: USER_KEY, baseURL: stack.fake.url });
    const ok = await api.post<KeyTestResponse>('/api/keys/custom/test');
    expect(ok.body.ok).toBe(true);
    expect(ok.body.message).toMatch(/^The key works: 127\.0\.0\.1:\d+ answered and offers 4 models\.$/);

    await api.request('PUT', '/api/keys/custom', { apiKey: WRONG_KEY, baseURL: stack.fake.url });
    const refused = await api.post<KeyTestResponse>('/api/keys/custom/test');
    expect(refused.body).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^Your key for 127\.0\.0\.1:\d+ was refused\. Replace it with a key that works\.$/,
      ),
    });

    await api.request('PUT', '/api/keys/custom', { apiKey: USER_KEY, baseURL: 'http://127.0.0.1:9/v1' });
    const unreachable = await api.post<KeyTestResponse>('/api/keys/custom/test');
    expect(unreachable.body.ok).toBe(false);
    expect(unreachable.body.message).toMatch(/^Could not reach 127\.0\.0\.1:9\./);

    expect((await api.post('/api/keys/groq/test')).status).toBe(404);
    // Testing spends no tokens: no chat request was made.
    expect(stack.fake.chats().length).toBe(before);
  });

  it('lists a custom endpoint’s models', async () => {
    const { api } = await device();
    await api.request('PUT', '/api/keys/custom', { apiKey: USER_KEY, baseURL: stack.fake.url });
    const models = await api.get<ProviderModelsResponse>('/api/keys/custom/models');
    expect(models.body.models.map((m) => m.id)).toEqual([
      'fake-embedding',
      'fake-small',
      'gpt-4.1-mini',
      'gpt-4o-mini',
    ]);
    await api.request('PUT', '/api/keys/custom', { apiKey: WRONG_KEY, baseURL: stack.fake.url });
    const refused = await api.get('/api/keys/custom/models');
    expect(refused.status).toBe(502);
    expect(JSON.stringify(refused.body)).toContain('was refused');
  });
});

describe('replies with the user’s own key', () => {
  it('call the user’s endpoint with the user’s key, and explain a refused key', async () => {
    const { api, userId } = await device();
    await api.request('PUT', '/api/keys/custom', { apiKey: USER_KEY, baseURL: stack.fake.url });
    const t = await newThread(api, userId, { title: 'Own key' });
    const word = `own-${Date.now()}`;
    const ok = send(t.thread.doc, `Hi ${word}`, { model: 'custom/fake-small' });
    const done = await waitForStatus(t.thread.doc, ok.replyId, 'done');
    expect(done.model).toBe('custom/fake-small');
    const [request] = stack.fake.streams(word);
    expect(request!.apiKey).toBe(USER_KEY);
    expect(request!.body.model).toBe('fake-small');

    await api.request('PUT', '/api/keys/custom', { apiKey: WRONG_KEY, baseURL: stack.fake.url });
    const bad = send(t.thread.doc, `Again ${word}`, { model: 'custom/fake-small', parentId: ok.replyId });
    const failed = await waitForStatus(t.thread.doc, bad.replyId, 'error');
    expect(failed.error).toMatch(/^Your key for 127\.0\.0\.1:\d+ was refused\. Replace it with a key that works\.$/);

    // A provider that repeats the key in an unknown error has it scrubbed.
    await api.request('PUT', '/api/keys/custom', { apiKey: USER_KEY, baseURL: stack.fake.url });
    stack.fake.onPrompt(`odd ${word}`, {
      error: { status: 400, body: { error: { message: `Key ${USER_KEY} may not use tools.`, type: 'x' } } },
    });
    const odd = send(t.thread.doc, `odd ${word}`, { model: 'custom/fake-small', parentId: bad.replyId });
    const oddly = await waitForStatus(t.thread.doc, odd.replyId, 'error');
    expect(oddly.error).toMatch(/refused the request \(error 400\): Key \[key\] may not use tools\.$/);

    // Nothing anywhere holds a key: responses, docs (as stored and synced), log lines.
    const index = await connectDoc(api, indexDocName(userId));
    const docs = [Y.encodeStateAsUpdate(t.thread.doc), Y.encodeStateAsUpdate(index.doc)].map((u) =>
      Buffer.from(u).toString('latin1'),
    );
    const everything = [...api.bodies, ...docs, ...stack.hearth.logs].join('\n');
    for (const key of [USER_KEY, WRONG_KEY, SHARED_KEY]) {
      expect(everything).not.toContain(key);
      expect(everything).not.toContain(key.slice(0, 16));
    }
    expect(stack.hearth.logs.length).toBeGreaterThan(10);
    index.provider.destroy();
    t.close();
  });
});

describe('shared keys turned off', () => {
  it('offers no server key and says how to set one up', async () => {
    const hearth = await startHearth({
      env: { OPENAI_API_KEY: SHARED_KEY, OPENAI_BASE_URL: stack.fake.url, HEARTH_SHARED_KEYS: 'off' },
    });
    try {
      const api = new ApiClient(hearth.url);
      const { id: userId } = await api.signup();
      expect((await api.get<KeysResponse>('/api/keys')).body.serverDefault).toBeNull();
      const t = await newThread(api, userId);
      const { replyId } = send(t.thread.doc, 'Hello?');
      const failed = await waitForStatus(t.thread.doc, replyId, 'error');
      expect(failed.error).toBe('There is no AI provider set up yet. Add an API key to get answers.');
      t.close();
      expect(hearth.logs.join('\n')).not.toContain(SHARED_KEY);
    } finally {
      await hearth.stop();
    }
  });
});

describe('custom endpoints on private addresses', () => {
  const PRIVATE = /^This endpoint is on a private network \(127\.0\.0\.1\), which this server does not call/;
  const withHearth = async (env: Record<string, string>, run: (hearth: Hearth) => Promise<void>, dataDir?: string) => {
    const hearth = await startHearth({
      env: { OPENAI_API_KEY: SHARED_KEY, OPENAI_BASE_URL: stack.fake.url, ...env },
      ...(dataDir && { dataDir }),
    });
    try {
      await run(hearth);
    } finally {
      await hearth.stop();
    }
  };
  const userCalls = () => stack.fake.requests.filter((r) => r.apiKey === USER_KEY).length;

  it('are refused on a server with open sign-up, with a clear message, and never called', async () => {
    await withHearth({}, async (hearth) => {
      const api = new ApiClient(hearth.url);
      await api.signup();
      const before = userCalls();
      const port = new URL(stack.fake.url).port;
      for (const baseURL of [
        stack.fake.url,
        `http://localhost:${port}/v1`,
        `http://[::1]:${port}/v1`,
        `http://[::ffff:127.0.0.1]:${port}/v1`,
        'http://10.1.2.3/v1',
        'http://169.254.169.254/latest',
        'http://100.100.100.200/v1',
        'http://0.0.0.0:11434/v1',
      ]) {
        const put = await api.request('PUT', '/api/keys/custom', { apiKey: USER_KEY, baseURL });
        expect(put.status, baseURL).toBe(400);
        expect(put.body, baseURL).toMatchObject({
          error: {
            code: 'validation',
            fields: { baseURL: expect.stringMatching(/^This endpoint is on a private network/) },
          },
        });
      }
      expect((await api.get<KeysResponse>('/api/keys')).body.keys).toEqual([]);
      expect(userCalls()).toBe(before);
    });
  });

  it('saved while allowed, are refused when tested and when a reply runs once they are not', async () => {
    const api = new ApiClient('');
    let dataDir = '';
    let userId = '';
    await withHearth({ HEARTH_ALLOW_PRIVATE_ENDPOINTS: 'on' }, async (hearth) => {
      dataDir = hearth.dataDir;
      const owner = new ApiClient(hearth.url);
      userId = (await owner.signup()).id;
      api.cookie = owner.cookie;
      expect(
        (await owner.request('PUT', '/api/keys/custom', { apiKey: USER_KEY, baseURL: stack.fake.url })).status,
      ).toBe(200);
    });
    await withHearth(
      {},
      async (hearth) => {
        const device = new ApiClient(hearth.url);
        device.cookie = api.cookie;
        const before = userCalls();
        const tested = await device.post<KeyTestResponse>('/api/keys/custom/test');
        expect(tested.body).toEqual({ ok: false, message: expect.stringMatching(PRIVATE) });
        const models = await device.get('/api/keys/custom/models');
        expect(models.status).toBe(502);
        expect(models.body).toMatchObject({ error: { message: expect.stringMatching(PRIVATE) } });

        const t = await newThread(device, userId);
        const { replyId } = send(t.thread.doc, 'Hello?', { model: 'custom/fake-small' });
        const failed = await waitForStatus(t.thread.doc, replyId, 'error');
        expect(failed.error).toMatch(PRIVATE);
        t.close();
        expect(userCalls()).toBe(before);
      },
      dataDir,
    );
  });

  it('work on a personal server (closed sign-up) with no setting', async () => {
    await withHearth({ HEARTH_SIGNUP: 'closed' }, async (hearth) => {
      const api = new ApiClient(hearth.url);
      const { id: userId } = await api.signup();
      expect((await api.request('PUT', '/api/keys/custom', { apiKey: USER_KEY, baseURL: stack.fake.url })).status).toBe(
        200,
      );
      expect((await api.post<KeyTestResponse>('/api/keys/custom/test')).body.ok).toBe(true);
      const word = marker('personal');
      const t = await newThread(api, userId);
      const { replyId } = send(t.thread.doc, `Hi ${word}`, { model: 'custom/fake-small' });
      await waitForStatus(t.thread.doc, replyId, 'done');
      expect(stack.fake.streams(word)[0]?.apiKey).toBe(USER_KEY);
      t.close();
    });
  });
});
