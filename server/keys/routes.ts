// /api/keys: store, list, remove and test the user's provider keys and custom endpoints. A key
// goes in and never comes out: answers carry its last four characters at most.
import { Hono } from 'hono';
import { isCustomProvider, isProviderId, type ProviderId, providerInfo } from '../../shared/ai/providers';
import type { OkResponse } from '../../shared/api/auth';
import {
  type ApiKeyInfo,
  type KeysResponse,
  type KeyTestResponse,
  type LocalOllamaResponse,
  newEndpointInput,
  type ProviderModelsResponse,
  putKeyInput,
} from '../../shared/api/keys';
import { describeFailure } from '../ai/errors';
import { openAiClient, type ProviderTarget, providerTarget } from '../ai/provider-client';
import { requireUser } from '../auth/session';
import type { AppEnv } from '../http/context';
import { HttpError, parseJson } from '../http/errors';
import type { Services } from '../services';
import { newEndpointId, saveEndpoint } from './custom-endpoints';
import { KeyStore } from './key-store';
import { ollamaLabel, probeOllama } from './local-ollama';

/** A key check is one small request: give up sooner than a reply would. */
const CHECK_TIMEOUT_MS = 15_000;

function providerParam(value: string): ProviderId {
  if (!isProviderId(value)) throw new HttpError(404, 'not_found', `Hearth does not know the provider "${value}".`);
  return value;
}

const nothingSaved = (provider: ProviderId) =>
  new HttpError(
    404,
    'not_found',
    isCustomProvider(provider)
      ? 'You have no such custom endpoint saved.'
      : `You have no ${providerInfo(provider).label} key saved.`,
  );

export function keyRoutes(s: Services) {
  const store = new KeyStore(s.db, s.keys);
  const ownTarget = (userId: string, provider: ProviderId): ProviderTarget => {
    const own = providerTarget(store, s.config.ai, userId, provider);
    if (!own || own.shared) throw nothingSaved(provider);
    return own;
  };
  const timeoutMs = Math.min(CHECK_TIMEOUT_MS, s.config.ai.timeoutMs);
  /** The local Ollama's models, or null where it is not offered (open sign-up) or not there. */
  const localOllama = async () => (s.config.signup === 'closed' ? probeOllama(s.config.ai.ollamaURL) : null);
  const allowPrivate = s.config.ai.allowPrivateEndpoints;

  return (
    new Hono<AppEnv>()
      .get('/', (c) => {
        const { user } = requireUser(c);
        const serverDefault = s.config.ai.shared ? { provider: 'openai' as const } : null;
        return c.json<KeysResponse>({ keys: store.list(user.id), serverDefault });
      })
      .get('/local-ollama', async (c) => {
        requireUser(c);
        const models = await localOllama();
        return c.json<LocalOllamaResponse>({ available: Boolean(models?.length), models: models ?? [] });
      })
      // "Use it": the local Ollama becomes the `custom` endpoint (the one the home screen
      // connects), with the models it has now; it is on this machine, so private is fine.
      .post('/local-ollama', async (c) => {
        const { user } = requireUser(c);
        const models = await localOllama();
        if (!models?.length) {
          throw new HttpError(503, 'unavailable', 'There is no Ollama with models answering on this server any more.');
        }
        const change = {
          apiKey: '',
          baseURL: `${s.config.ai.ollamaURL}/v1`,
          models: models.map((id) => ({ id, label: ollamaLabel(id) })),
        };
        const info = await saveEndpoint(store, user.id, 'custom', change, true);
        c.get('log').info('local ollama saved as the custom provider', { userId: user.id, models: models.length });
        return c.json<ApiKeyInfo>(info);
      })
      // A new custom endpoint (Settings → API keys → Add custom endpoint).
      .post('/custom', async (c) => {
        const { user } = requireUser(c);
        const input = await parseJson(c, newEndpointInput);
        const provider = newEndpointId();
        const info = await saveEndpoint(store, user.id, provider, input, allowPrivate);
        c.get('log').info('custom endpoint added', { userId: user.id, provider });
        return c.json<ApiKeyInfo>(info, 201);
      })
      .put('/:provider', async (c) => {
        const { user } = requireUser(c);
        const provider = providerParam(c.req.param('provider'));
        const input = await parseJson(c, putKeyInput);
        let info: ApiKeyInfo;
        if (isCustomProvider(provider)) {
          // `custom` may be created here (the home screen's quick connect); `custom:<id>` only by POST.
          if (provider !== 'custom' && !store.get(user.id, provider)) throw nothingSaved(provider);
          info = await saveEndpoint(store, user.id, provider, input, allowPrivate);
        } else {
          if (input.baseURL !== undefined || input.models !== undefined || input.name !== undefined) {
            throw new HttpError(400, 'validation', 'Some fields need attention.', {
              baseURL: `${providerInfo(provider).label} has a fixed address, name and model list; only a custom endpoint takes them.`,
            });
          }
          if (!input.apiKey) {
            throw new HttpError(400, 'validation', 'Some fields need attention.', { apiKey: 'Enter the API key.' });
          }
          info = store.put(user.id, provider, { apiKey: input.apiKey });
        }
        c.get('log').info('api key saved', { userId: user.id, provider });
        return c.json<ApiKeyInfo>(info);
      })
      .delete('/:provider', (c) => {
        const { user } = requireUser(c);
        const provider = providerParam(c.req.param('provider'));
        if (!store.remove(user.id, provider)) throw nothingSaved(provider);
        c.get('log').info('api key removed', { userId: user.id, provider });
        return c.json<OkResponse>({ ok: true });
      })
      .post('/:provider/test', async (c) => {
        const { user } = requireUser(c);
        const target = ownTarget(user.id, providerParam(c.req.param('provider')));
        try {
          const count = await countModels(target, timeoutMs);
          return c.json<KeyTestResponse>({
            ok: true,
            message: `The key works: ${target.label} answered${count ? ` and offers ${count} models` : ''}.`,
          });
        } catch (error) {
          return c.json<KeyTestResponse>({ ok: false, message: checkFailure(error, target, timeoutMs) });
        }
      })
      .get('/:provider/models', async (c) => {
        const { user } = requireUser(c);
        const target = ownTarget(user.id, providerParam(c.req.param('provider')));
        try {
          const models: ProviderModelsResponse['models'] = [];
          for await (const model of openAiClient(target, timeoutMs).models.list()) {
            models.push({ id: model.id, label: model.id });
            if (models.length >= 1000) break;
          }
          models.sort((a, b) => a.id.localeCompare(b.id));
          return c.json<ProviderModelsResponse>({ models });
        } catch (error) {
          throw new HttpError(502, 'unavailable', checkFailure(error, target, timeoutMs));
        }
      })
  );
}

/** Lists the provider's models: the cheapest call that proves a key (no tokens spent). */
async function countModels(target: ProviderTarget, timeoutMs: number): Promise<number> {
  const page = await openAiClient(target, timeoutMs).models.list();
  return page.data.length;
}

function checkFailure(error: unknown, target: ProviderTarget, timeoutMs: number): string {
  const status = (error as { status?: unknown }).status;
  if (status === 404) {
    return `${target.label} has no model list at ${target.baseURL.replace(/\/$/, '')}/models. Check the base URL (it usually ends in /v1).`;
  }
  return describeFailure({ kind: 'thrown', error, streaming: false }, { target, model: '', timeoutMs });
}
