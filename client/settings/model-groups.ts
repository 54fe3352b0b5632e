// The models the settings offer, grouped by provider: the registry's, then one group per custom
// endpoint with the models the user chose for it. Ids are the stored `<provider>/<model>` form.
import { type ModelInfo, modelId, PROVIDERS, type ProviderId } from '../../shared/ai/providers';
import type { ApiKeyInfo } from '../../shared/api/keys';
import { endpointLabel } from './CustomProviderRow';

export interface ModelOption {
  /** Stored id, `<provider>/<model>`. */
  id: string;
  label: string;
  info?: ModelInfo;
}

export interface ModelGroup {
  provider: ProviderId;
  label: string;
  models: ModelOption[];
}

export function modelGroups(endpoints: readonly ApiKeyInfo[]): ModelGroup[] {
  const registry = PROVIDERS.filter((p) => p.id !== 'custom').map((provider) => ({
    provider: provider.id,
    label: provider.label,
    models: provider.models.map((info) => ({
      id: modelId({ provider: provider.id, model: info.id }),
      label: info.label,
      info,
    })),
  }));
  const custom = endpoints.map((endpoint) => ({
    provider: endpoint.provider,
    label: endpointLabel(endpoint),
    models: (endpoint.models ?? []).map((m) => ({
      id: modelId({ provider: endpoint.provider, model: m.id }),
      label: m.label || m.id,
    })),
  }));
  return [...registry, ...custom];
}

/** "1M", "128K": a context window in a few characters. */
export function shortTokens(tokens: number): string {
  if (tokens >= 1_000_000) return `${Math.round(tokens / 100_000) / 10}M`;
  if (tokens >= 1000) return `${Math.round(tokens / 1000)}K`;
  return String(tokens);
}
