// The local Ollama offer: on a personal server (closed sign-up) the server asks the Ollama at
// HEARTH_OLLAMA_URL for its models and, on "Use it", saves it as the custom endpoint, which
// then answers replies. On a server with open sign-up it is never called.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKeyInfo, KeysResponse, LocalOllamaResponse } from '../../shared/api/keys';
import { newThread, send, waitForStatus } from '../fake-ai/chat-helpers';
import { type FakeAi, startFakeAi } from '../fake-ai/fake-ai';
import { ApiClient } from '../support/api-client';
import { type Hearth, startHearth } from '../support/hearth';

let ollama: FakeAi;
beforeAll(async () => {
  ollama = await startFakeAi({ models: ['llama3.2', 'qwen2.5:7b'] });
});
afterAll(() => ollama.close());

async function server(env: Record<string, string>): Promise<{ hearth: Hearth; api: ApiClient; userId: string }> {
  const hearth = await startHearth({ env });
  const api = new ApiClient(hearth.url);
  const { id: userId } = await api.signup();
  return { hearth, api, userId };
}

const tagRequests = () => ollama.requests.filter((r) => r.path === '/api/tags').length;

describe('local Ollama', () => {
  it('is offered on a personal server, saved in one call, and answers the first message', async () => {
    const { hearth, api, userId } = await server({ HEARTH_SIGNUP: 'closed', HEARTH_OLLAMA_URL: ollama.origin });
    try {
      const offer = await api.get<LocalOllamaResponse>('/api/keys/local-ollama');
      expect(offer.status).toBe(200);
      expect(offer.body).toEqual({ available: true, models: ['llama3.2:latest', 'qwen2.5:7b'] });

      const used = await api.post<ApiKeyInfo>('/api/keys/local-ollama');
      expect(used.status).toBe(200);
      expect(used.body).toMatchObject({
        provider: 'custom',
        last4: '',
        baseURL: `${ollama.origin}/v1`,
        models: [
          { id: 'llama3.2:latest', label: 'llama3.2' },
          { id: 'qwen2.5:7b', label: 'qwen2.5:7b' },
        ],
      });
      expect((await api.get<KeysResponse>('/api/keys')).body.keys).toHaveLength(1);

      const t = await newThread(api, userId);
      const { replyId } = send(t.thread.doc, 'Hello, Ollama', { model: 'custom/llama3.2:latest' });
      const reply = await waitForStatus(t.thread.doc, replyId, 'done');
      expect(reply.text).toBe('Echo: Hello, Ollama');
      expect(ollama.requests.at(-1)).toMatchObject({
        path: '/v1/chat/completions',
        body: { model: 'llama3.2:latest' },
      });
      t.close();
    } finally {
      await hearth.stop();
    }
  });

  it('is not there when nothing answers at the address', async () => {
    const { hearth, api } = await server({ HEARTH_SIGNUP: 'closed', HEARTH_OLLAMA_URL: 'http://127.0.0.1:9' });
    try {
      expect((await api.get<LocalOllamaResponse>('/api/keys/local-ollama')).body).toEqual({
        available: false,
        models: [],
      });
      const refused = await api.post('/api/keys/local-ollama');
      expect(refused.status).toBe(503);
      expect((await api.get<KeysResponse>('/api/keys')).body.keys).toEqual([]);
    } finally {
      await hearth.stop();
    }
  });

  it('is never asked for on a server with open sign-up', async () => {
    const { hearth, api } = await server({ HEARTH_OLLAMA_URL: ollama.origin });
    try {
      const before = tagRequests();
      expect((await api.get<LocalOllamaResponse>('/api/keys/local-ollama')).body).toEqual({
        available: false,
        models: [],
      });
      expect((await api.post('/api/keys/local-ollama')).status).toBe(503);
      expect(tagRequests()).toBe(before);
    } finally {
      await hearth.stop();
    }
  });

  it('needs a session', async () => {
    const { hearth } = await server({ HEARTH_SIGNUP: 'closed', HEARTH_OLLAMA_URL: ollama.origin });
    try {
      expect((await new ApiClient(hearth.url).get('/api/keys/local-ollama')).status).toBe(401);
    } finally {
      await hearth.stop();
    }
  });
});
