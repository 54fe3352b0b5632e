// The models a person can pick, in the order the pickers show them: favourites first, then
// each provider's models. Models of providers with no key (and no server key) are shown
// disabled, their group saying to add a key, unless the keys are unknown (offline), when
// nothing is disabled.
import { modelId, modelLabel, PROVIDERS, parseModelId, providerInfo } from '../../shared/ai/providers';
import type { KeysResponse } from '../../shared/api/keys';

export interface ModelOption {
  id: string;
  label: string;
  disabled: boolean;
}

export interface ModelGroup {
  label: string;
  /** Why the group's models are disabled, when they are. */
  hint: string | null;
  options: ModelOption[];
}

export const NO_KEY_HINT = 'add a key in Settings';

/** Favourites first (as given), then every provider's models, the current model always included. */
export function modelGroups(favourites: readonly string[], keys: KeysResponse | null, current: string): ModelGroup[] {
  const usable = keys && new Set([...keys.keys.map((k) => k.provider), keys.serverDefault?.provider]);
  const option = (id: string, label: string): ModelOption => {
    const provider = parseModelId(id)?.provider;
    return { id, label, disabled: Boolean(usable && (!provider || !usable.has(provider))) };
  };
  const group = (label: string, options: ModelOption[]): ModelGroup => ({
    label,
    hint: options.length > 0 && options.every((o) => o.disabled) ? NO_KEY_HINT : null,
    options,
  });
  const providerGroups = PROVIDERS.map((provider) => {
    const models =
      provider.id === 'custom'
        ? (keys?.keys.find((k) => k.provider === 'custom')?.models ?? []).map((m) => ({
            id: m.id,
            label: m.label || m.id,
          }))
        : provider.models;
    return group(
      provider.label,
      models.map((m) => option(modelId({ provider: provider.id, model: m.id }), m.label)),
    );
  });
  const known = new Map(providerGroups.flatMap((g) => g.options.map((o) => [o.id, o] as const)));
  const favourite = new Set(favourites.filter((id) => known.has(id)));
  const groups: ModelGroup[] = [];
  if (!known.has(current)) groups.push(group('Current', [option(current, modelLabel(current))]));
  if (favourite.size > 0) {
    const options = [...favourite].map((id) => {
      const found = known.get(id)!;
      return { ...found, label: `${found.label} · ${providerLabel(id)}` };
    });
    groups.push({ label: 'Favourites', hint: null, options });
  }
  for (const { label, options } of providerGroups) {
    const rest = options.filter((o) => !favourite.has(o.id));
    if (rest.length > 0) groups.push(group(label, rest));
  }
  return groups;
}

function providerLabel(id: string): string {
  const ref = parseModelId(id);
  return ref ? providerInfo(ref.provider).label : '';
}
