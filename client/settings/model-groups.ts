// The models the settings offer, grouped by provider: the registry's, plus the ones the user
// chose for their custom endpoint. Ids are the stored `<provider>/<model>` form.
import { type ModelInfo, modelId, PROVIDERS, type ProviderId } from '../../shared/ai/providers';
import type { CustomModel } from '../../shared/api/keys';

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

export function modelGroups(customModels: readonly CustomModel[] | undefined, customLabel?: string): ModelGroup[] {
  return PROVIDERS.map((provider) => {
    if (provider.id === 'custom') {
      return {
        provider: provider.id,
        label: customLabel ? `Custom (${customLabel})` : 'Custom endpoint',
        models: (customModels ?? []).map((m) => ({
          id: modelId({ provider: 'custom', model: m.id }),
          label: m.label || m.id,
        })),
      };
    }
    return {
      provider: provider.id,
      label: provider.label,
      models: provider.models.map((info) => ({
        id: modelId({ provider: provider.id, model: info.id }),
        label: info.label,
        info,
      })),
    };
  });
}

/** "1M", "128K": a context window in a few characters. */
export function shortTokens(tokens: number): string {
  if (tokens >= 1_000_000) return `${Math.round(tokens / 100_000) / 10}M`;
  if (tokens >= 1000) return `${Math.round(tokens / 1000)}K`;
  return String(tokens);
}
