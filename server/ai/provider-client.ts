// Which endpoint and key a call goes to: the user's own key for the provider, or the
// operator's shared key for OpenAI; and the openai SDK client for it. A custom endpoint
// (an address a person gave) is called only on public addresses unless the server allows
// private ones (see endpoint-guard.ts).
import OpenAI from 'openai';
import { isCustomProvider, type ProviderId, providerInfo } from '../../shared/ai/providers';
import type { AiConfig } from '../config';
import { guardedFetch } from '../http/guarded-fetch';
import type { KeyStore } from '../keys/key-store';
import { publicOnlyLookup } from './endpoint-guard';

/** Everything needed to call one provider for one user. Holds a key: never log or send it. */
export interface ProviderTarget {
  provider: ProviderId;
  baseURL: string;
  apiKey: string;
  /** True when the operator's key pays for this call. */
  shared: boolean;
  /** The provider as people know it: "OpenAI", or the custom endpoint's name. */
  label: string;
  /** True when the endpoint is a person's and may only be reached on public addresses. */
  publicOnly: boolean;
}

/** The user's key for `provider`, else the operator's for OpenAI; undefined when there is neither. */
export function providerTarget(
  keys: KeyStore,
  ai: AiConfig,
  userId: string,
  provider: ProviderId,
): ProviderTarget | undefined {
  const own = keys.get(userId, provider);
  const info = providerInfo(provider);
  if (own) {
    const baseURL = own.baseURL ?? info.baseURL;
    if (!baseURL) return undefined;
    const custom = isCustomProvider(provider);
    const label = custom ? (own.name ?? new URL(baseURL).host) : info.label;
    const publicOnly = custom && !ai.allowPrivateEndpoints;
    return { provider, baseURL, apiKey: own.apiKey, shared: false, label, publicOnly };
  }
  if (provider === 'openai' && ai.shared) {
    // The operator's own endpoint is trusted, wherever it is.
    const { baseURL, apiKey } = ai.shared;
    return { provider, baseURL, apiKey, shared: true, label: info.label, publicOnly: false };
  }
  return undefined;
}

/**
 * An SDK client for the target. Every option the SDK would otherwise read from the
 * environment is given explicitly, so a user's key never goes to the operator's
 * OPENAI_BASE_URL (or with the operator's organisation). Retries are off: a reply that fails
 * says so at once and the person retries; a silent backoff would only look like a hang.
 */
export function openAiClient(target: ProviderTarget, timeoutMs: number): OpenAI {
  return new OpenAI({
    // Local endpoints (Ollama) take no key, but the SDK insists on one.
    apiKey: target.apiKey || 'none',
    baseURL: target.baseURL,
    organization: null,
    project: null,
    adminAPIKey: null,
    webhookSecret: null,
    timeout: timeoutMs,
    maxRetries: 0,
    logLevel: 'off',
    ...(target.publicOnly && { fetch: guardedFetch(publicOnlyLookup) }),
  });
}

/** The phrase that names whose key it is, for messages: "Your OpenAI key", "The server's OpenAI key". */
export function keyPhrase(target: Pick<ProviderTarget, 'provider' | 'shared' | 'label'>): string {
  if (target.shared) return `The server's ${target.label} key`;
  if (isCustomProvider(target.provider)) return `Your key for ${target.label}`;
  return `Your ${target.label} key`;
}
