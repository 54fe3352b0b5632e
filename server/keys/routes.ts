// /api/keys: store, list, remove and test the user's provider keys. A key goes in and never
// comes out: answers carry its last four characters at most.
import { Hono } from 'hono';
import { isProviderId, type ProviderId, providerInfo } from '../../shared/ai/providers';
import type { OkResponse } from '../../shared/api/auth';
import {
  type ApiKeyInfo,
  type KeysResponse,
  type KeyTestResponse,
  type ProviderModelsResponse,
  putKeyInput,
} from '../../shared/api/keys';
import { assertPublicHost, endpointRefusal } from '../ai/endpoint-guard';
import { describeFailure } from '../ai/errors';
import { openAiClient, type ProviderTarget, providerTarget } from '../ai/provider-client';
import { requireUser } from '../auth/session';
import type { AppEnv } from '../http/context';
import { HttpError, parseJson } from '../http/errors';
import type { Services } from '../services';
import { KeyStore } from './key-store';

/** A key check is one small request: give up sooner than a reply would. */
const CHECK_TIMEOUT_MS = 15_000;

function providerParam(value: string): ProviderId {
  if (!isProviderId(value)) throw new HttpError(404, 'not_found', `Hearth does not know the provider "${value}".`);
  return value;
}

export function keyRoutes(s: Services) {
  const store = new KeyStore(s.db, s.keys);
  const ownTarget = (userId: string, provider: ProviderId): ProviderTarget => {
    const own = providerTarget(store, s.config.ai, userId, provider);
    if (!own || own.shared)
      throw new HttpError(404, 'not_found', `You have no ${providerInfo(provider).label} key saved.`);
    return own;
  };
  const timeoutMs = Math.min(CHECK_TIMEOUT_MS, s.config.ai.timeoutMs);

  return new Hono<AppEnv>()
    .get('/', (c) => {
      const { user } = requireUser(c);
      const serverDefault = s.config.ai.shared ? { provider: 'openai' as const } : null;
      return c.json<KeysResponse>({ keys: store.list(user.id), serverDefault });
    })
    .put('/:provider', async (c) => {
      const { user } = requireUser(c);
      const provider = providerParam(c.req.param('provider'));
      const input = await parseJson(c, putKeyInput);
      if (provider === 'custom') {
        if (!input.baseURL) {
          throw new HttpError(400, 'validation', 'Some fields need attention.', {
            baseURL: 'A custom provider needs its base URL, like http://localhost:11434/v1.',
          });
        }
        if (!s.config.ai.allowPrivateEndpoints) await refusePrivateEndpoint(input.baseURL);
      } else {
        if (input.baseURL !== undefined || input.models !== undefined) {
          throw new HttpError(400, 'validation', 'Some fields need attention.', {
            baseURL: `${providerInfo(provider).label} has a fixed address and model list; only a custom provider takes them.`,
          });
        }
        if (!input.apiKey) {
          throw new HttpError(400, 'validation', 'Some fields need attention.', { apiKey: 'Enter the API key.' });
        }
      }
      const info = store.put(user.id, provider, input);
      c.get('log').info('api key saved', { userId: user.id, provider });
      return c.json<ApiKeyInfo>(info);
    })
    .delete('/:provider', (c) => {
      const { user } = requireUser(c);
      const provider = providerParam(c.req.param('provider'));
      if (!store.remove(user.id, provider)) {
        throw new HttpError(404, 'not_found', `You have no ${providerInfo(provider).label} key saved.`);
      }
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
    });
}

/** Lists the provider's models: the cheapest call that proves a key (no tokens spent). */
async function countModels(target: ProviderTarget, timeoutMs: number): Promise<number> {
  const page = await openAiClient(target, timeoutMs).models.list();
  return page.data.length;
}

/**
 * Refuses, as a field error, a custom endpoint that resolves to a private address. A name
 * that does not resolve now is saved: every call checks again where it connects.
 */
async function refusePrivateEndpoint(baseURL: string): Promise<void> {
  try {
    await assertPublicHost(new URL(baseURL).hostname);
  } catch (error) {
    const refusal = endpointRefusal(error);
    if (refusal) throw new HttpError(400, 'validation', refusal, { baseURL: refusal });
  }
}

function checkFailure(error: unknown, target: ProviderTarget, timeoutMs: number): string {
  const status = (error as { status?: unknown }).status;
  if (status === 404) {
    return `${target.label} has no model list at ${target.baseURL.replace(/\/$/, '')}/models. Check the base URL (it usually ends in /v1).`;
  }
  return describeFailure({ kind: 'thrown', error, streaming: false }, { target, model: '', timeoutMs });
}
