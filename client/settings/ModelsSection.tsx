// Models: the default for new chats, the providers the model picker offers, and favourites
// (listed first). All of it is synced to every device through the index doc.
import type { ReactNode } from 'react';
import {
  isCustomProvider,
  PROVIDER_IDS,
  PROVIDERS,
  type ProviderId,
  type RegistryProviderId,
  registryId,
} from '../../shared/ai/providers';
import { FALLBACK_MODEL } from '../chat/default-model';
import { DefaultModelField } from './DefaultModelField';
import { FavouriteModels } from './FavouriteModels';
import { modelGroups } from './model-groups';
import { hasAccess, type Keys } from './use-keys';
import { useSettings } from './use-settings';

export function ModelsSection({ keys }: { keys: Keys }) {
  const current = useSettings();
  const endpoints = keys.state.status === 'ready' ? keys.state.keys.filter((k) => isCustomProvider(k.provider)) : [];
  const groups = modelGroups(endpoints);

  if (!current) {
    return (
      <ModelsCard>
        <p className="muted">Loading your settings…</p>
      </ModelsCard>
    );
  }
  const { settings, save } = current;
  // One switch for all custom endpoints: `custom` in the list.
  const enabled = new Set<RegistryProviderId>(
    (settings.enabledProviders ?? PROVIDER_IDS).filter((id): id is RegistryProviderId =>
      (PROVIDER_IDS as readonly string[]).includes(id),
    ),
  );
  const toggleProvider = (id: RegistryProviderId) => {
    if (!enabled.delete(id)) enabled.add(id);
    // All of them is stored as "no choice made", so providers Hearth adds later show up too.
    save('enabledProviders', enabled.size === PROVIDER_IDS.length ? null : PROVIDER_IDS.filter((p) => enabled.has(p)));
  };
  const enabledGroups = groups.filter((g) => enabled.has(registryId(g.provider)));

  return (
    <ModelsCard>
      <DefaultModelField
        groups={enabledGroups}
        value={settings.defaultModel}
        fallback={FALLBACK_MODEL}
        keys={keys.state}
        onChange={(id) => save('defaultModel', id)}
      />

      <fieldset className="provider-toggles">
        <legend>Providers in the model picker</legend>
        {PROVIDERS.map((provider) => (
          <div key={provider.id} className="provider-toggle">
            <label className="check">
              <input type="checkbox" checked={enabled.has(provider.id)} onChange={() => toggleProvider(provider.id)} />
              {provider.id === 'custom' ? 'Custom endpoints' : provider.label}
            </label>
            <AccessHint keys={keys} provider={provider.id} />
          </div>
        ))}
      </fieldset>

      <FavouriteModels
        groups={enabledGroups}
        favourites={settings.favouriteModels}
        onChange={(ids) => save('favouriteModels', ids)}
      />
    </ModelsCard>
  );
}

function ModelsCard({ children }: { children: ReactNode }) {
  return (
    <section id="models" className="card" aria-labelledby="models-heading">
      <h2 id="models-heading">Models</h2>
      <p className="muted">What the model picker offers on all your devices.</p>
      {children}
    </section>
  );
}

function AccessHint({ keys, provider }: { keys: Keys; provider: ProviderId }) {
  const { state } = keys;
  if (state.status !== 'ready') return null;
  if (provider === 'custom') {
    const count = state.keys.filter((k) => isCustomProvider(k.provider)).length;
    if (count > 0) return <span className="field-hint">{count === 1 ? '1 endpoint' : `${count} endpoints`}</span>;
  }
  if (state.keys.some((k) => k.provider === provider)) return <span className="field-hint">Your key</span>;
  if (hasAccess(state, provider)) return <span className="field-hint">The server's shared key</span>;
  return (
    <span className="field-hint">
      {provider === 'custom' ? 'Not set up: ' : 'No key yet: '}
      <a href="#api-keys">{provider === 'custom' ? 'add it in API keys' : 'add one in API keys'}</a>
    </span>
  );
}
