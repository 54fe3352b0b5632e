// API keys: one row per provider. Keys live encrypted on the server, so every device uses
// them, and the client only ever sees their last four characters.
import { PROVIDERS } from '../../shared/ai/providers';
import { errorMessage, NetworkError } from '../api';
import { Banner } from '../ui/Banner';
import { CustomProviderRow } from './CustomProviderRow';
import { ProviderKeyRow } from './ProviderKeyRow';
import type { Keys } from './use-keys';
import { useRetryWhenOnline } from './use-retry-when-online';

export function KeysSection({ keys }: { keys: Keys }) {
  const { state } = keys;
  const online = useRetryWhenOnline(state.status === 'error', keys.reload);
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
            <CustomProviderRow
              saved={state.keys.find((k) => k.provider === 'custom')}
              online={online}
              onSaved={keys.saved}
              onRemoved={() => keys.removed('custom')}
            />
          </ul>
        </>
      )}
    </section>
  );
}
