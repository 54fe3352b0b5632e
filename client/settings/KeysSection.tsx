// API keys: one row per provider, then one per custom endpoint and a row to add another. Keys
// live encrypted on the server, so every device uses them, and the client only ever sees
// their last four characters.
import { useState } from 'react';
import { isCustomProvider, PROVIDERS, type ProviderId } from '../../shared/ai/providers';
import { MAX_CUSTOM_ENDPOINTS } from '../../shared/api/keys';
import { errorMessage, NetworkError } from '../api';
import { Banner } from '../ui/Banner';
import { CustomProviderRow } from './CustomProviderRow';
import { ProviderKeyRow } from './ProviderKeyRow';
import type { Keys } from './use-keys';
import { useRetryWhenOnline } from './use-retry-when-online';

export function KeysSection({ keys }: { keys: Keys }) {
  const { state } = keys;
  const online = useRetryWhenOnline(state.status === 'error', keys.reload);
  // The endpoint just added opens on its model chooser.
  const [added, setAdded] = useState<ProviderId | null>(null);
  const endpoints = state.status === 'ready' ? state.keys.filter((k) => isCustomProvider(k.provider)) : [];
  return (
    <section id="api-keys" className="card" aria-labelledby="api-keys-heading" aria-busy={state.status === 'loading'}>
      <h2 id="api-keys-heading">API keys</h2>
      <p className="muted">
        Bring your own key for each provider. Keys are stored encrypted on your Hearth server and work on all your
        devices; only their last four characters are ever shown.
      </p>
      {state.status === 'loading' && <p className="muted">Loading your keys…</p>}
      {state.status === 'error' && (
        <Banner tone="error">
          {state.error instanceof NetworkError
            ? "You're offline. Keys are kept on the server: connect to see and change them."
            : errorMessage(state.error)}{' '}
          <button type="button" className="link-button" onClick={keys.reload}>
            Try again
          </button>
        </Banner>
      )}
      {state.status === 'ready' && (
        <>
          {!online && <Banner tone="info">You're offline. Connect to add, test or remove keys.</Banner>}
          <ul className="key-list" aria-label="Providers">
            {PROVIDERS.filter((p) => p.id !== 'custom').map((provider) => (
              <ProviderKeyRow
                key={provider.id}
                provider={provider}
                saved={state.keys.find((k) => k.provider === provider.id)}
                shared={state.serverDefault?.provider === provider.id}
                online={online}
                onSaved={keys.saved}
                onRemoved={keys.removed}
              />
            ))}
          </ul>
          <h3 className="subheading">Custom endpoints</h3>
          <ul className="key-list" aria-label="Custom endpoints">
            {endpoints.map((endpoint) => (
              <CustomProviderRow
                key={endpoint.provider}
                saved={endpoint}
                online={online}
                choosingModels={endpoint.provider === added}
                onSaved={keys.saved}
                onRemoved={(info) => keys.removed(info.provider)}
              />
            ))}
            {endpoints.length < MAX_CUSTOM_ENDPOINTS ? (
              <CustomProviderRow
                saved={undefined}
                online={online}
                onSaved={(info) => {
                  keys.saved(info);
                  setAdded(info.provider);
                }}
              />
            ) : (
              <li className="key-row muted">
                You have {MAX_CUSTOM_ENDPOINTS} custom endpoints, as many as Hearth keeps. Remove one to add another.
              </li>
            )}
          </ul>
        </>
      )}
    </section>
  );
}
