// The models a person can pick, in the order the pickers show them: favourites first, then
// the models of each provider shown (Settings → Models, "Providers in the model picker"), each
// custom endpoint a group of its own under its name.
// Models of providers with no key (and no server key) are shown disabled, their group saying
// to add a key, unless the keys are unknown (offline), when nothing is disabled.
import { seesImages } from '../../shared/ai/model-vision';
import {
  isCustomProvider,
  modelId,
  modelLabel,
  PROVIDERS,
  parseModelId,
  providerInfo,
  registryId,
} from '../../shared/ai/providers';
import type { KeysResponse } from '../../shared/api/keys';

export interface ModelOption {
  id: string;
  label: string;
  disabled: boolean;
  /** Sees images in the prompt (shared/ai/model-vision.ts). */
  vision: boolean;
}

export interface ModelGroup {
  label: string;
  /** Why the group's models are disabled, when they are. */
  hint: string | null;
  options: ModelOption[];
}

export const NO_KEY_HINT = 'add a key in Settings';

/**
 * Favourites first (as given), then the models of every provider in `shownProviders` (null:
 * all). The current model is always included, in a group of its own when it is unknown or
 * its provider is hidden, so hiding a provider never changes a thread's model unseen.
 */
export function modelGroups(
  favourites: readonly string[],
  keys: KeysResponse | null,
  current: string,
  shownProviders: readonly string[] | null = null,
): ModelGroup[] {
  const usable = keys && new Set([...keys.keys.map((k) => k.provider), keys.serverDefault?.provider]);
  const option = (id: string, label: string): ModelOption => {
    const ref = parseModelId(id);
    return {
      id,
      label,
      disabled: Boolean(usable && (!ref || !usable.has(ref.provider))),
      vision: ref ? seesImages(ref, keys?.keys.find((k) => k.provider === ref.provider)?.models) : true,
    };
  };
  const group = (label: string, options: ModelOption[]): ModelGroup => ({
    label,
    hint: options.length > 0 && options.every((o) => o.disabled) ? NO_KEY_HINT : null,
    options,
  });
  const endpoints = keys?.keys.filter((k) => isCustomProvider(k.provider)) ?? [];
  const everyProvider = [
    ...PROVIDERS.filter((p) => p.id !== 'custom').map((provider) => ({
      provider: provider.id,
      label: provider.label,
      models: provider.models.map((m) => ({ id: m.id, label: m.label })),
    })),
    ...endpoints.map((endpoint) => ({
      provider: endpoint.provider,
      label: endpoint.name ?? providerInfo('custom').label,
      models: (endpoint.models ?? []).map((m) => ({ id: m.id, label: m.label || m.id })),
    })),
  ].map(({ provider, label, models }) => {
    const options = models.map((m) => option(modelId({ provider, model: m.id }), m.label));
    return { provider, group: group(label, options) };
  });
  const providerGroups = everyProvider
    .filter(({ provider }) => shownProviders === null || shownProviders.includes(registryId(provider)))
    .map(({ group }) => group);
  const known = new Map(providerGroups.flatMap((g) => g.options.map((o) => [o.id, o] as const)));
  const favourite = new Set(favourites.filter((id) => known.has(id)));
  const groups: ModelGroup[] = [];
  if (!known.has(current)) {
    // Its provider hidden: named as a favourite is, so it reads as that provider's model.
    const hidden = everyProvider.flatMap(({ group }) => group.options).find((o) => o.id === current);
    const label = hidden ? `${hidden.label} · ${providerLabel(current, endpoints)}` : modelLabel(current);
    groups.push(group('Current', [option(current, label)]));
  }
  if (favourite.size > 0) {
    const options = [...favourite].map((id) => {
      const found = known.get(id)!;
      return { ...found, label: `${found.label} · ${providerLabel(id, endpoints)}` };
    });
    groups.push({ label: 'Favourites', hint: null, options });
  }
  for (const { label, options } of providerGroups) {
    const rest = options.filter((o) => !favourite.has(o.id));
    if (rest.length > 0) groups.push(group(label, rest));
  }
  return groups;
}

function providerLabel(id: string, endpoints: KeysResponse['keys']): string {
  const ref = parseModelId(id);
  if (!ref) return '';
  return endpoints.find((e) => e.provider === ref.provider)?.name ?? providerInfo(ref.provider).label;
}

/** The option for model `id` in `groups`, if they list it. */
export function findOption(groups: readonly ModelGroup[], id: string): ModelOption | undefined {
  for (const group of groups) {
    const found = group.options.find((o) => o.id === id);
    if (found) return found;
  }
  return undefined;
}

/** Up to `limit` models that see images and can be used now, in the pickers' order (favourites first). */
export function visionModels(groups: readonly ModelGroup[], limit: number): ModelOption[] {
  const seen = new Set<string>();
  const out: ModelOption[] = [];
  for (const option of groups.flatMap((g) => g.options)) {
    if (out.length === limit) break;
    if (!option.vision || option.disabled || seen.has(option.id)) continue;
    seen.add(option.id);
    out.push(option);
  }
  return out;
}
