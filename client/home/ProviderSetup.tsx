// Above the home composer when no model can answer yet (no key of the person's own and no
// server key): says so, offers the Ollama running on this server when there is one (a
// personal server only), and the one-step key form.
import { useCallback, useEffect, useState } from 'react';
import { modelId } from '../../shared/ai/providers';
import type { LocalOllamaResponse } from '../../shared/api/keys';
import { api, errorMessage } from '../api';
import { useSyncManager } from '../sync/SyncProvider';
import { Banner } from '../ui/Banner';
import { providerAdded } from './connect-provider';
import { ProviderForm } from './ProviderForm';

/** "llama3.2, qwen2.5:7b…": the first few models, as Ollama's list reads without `:latest`. */
function modelList(models: string[]): string {
  const names = models.map((m) => m.replace(/:latest$/, ''));
  return names.length > 3 ? `${names.slice(0, 3).join(', ')}…` : names.join(', ');
}

function useLocalOllama(): LocalOllamaResponse | null {
  const [offer, setOffer] = useState<LocalOllamaResponse | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    api('GET /api/keys/local-ollama', { signal: abort.signal }).then(setOffer, () => {}); // no offer
    return () => abort.abort();
  }, []);
  return offer;
}

export function ProviderSetup({ onConnected }: { onConnected: () => void }) {
  const ollama = useLocalOllama();
  const manager = useSyncManager();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const connectOllama = useCallback(async () => {
    setBusy(true);
    setError(null);
    try {
      const info = await api('POST /api/keys/local-ollama');
      const first = info.models?.[0]?.id;
      await providerAdded(manager?.index.doc, first && modelId({ provider: 'custom', model: first }));
      onConnected();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  }, [manager, onConnected]);

  return (
    <section className="provider-setup" aria-labelledby="provider-setup-title">
      <h2 id="provider-setup-title">Connect a model to get answers</h2>
      <p className="muted">
        Hearth talks to AI models with your own key; nothing is set up on this server yet. Add a key below: it is tested
        at once and works on all your devices.
      </p>
      {error && <Banner tone="error">{error}</Banner>}
      {ollama?.available && (
        <div className="ollama-offer">
          <p>
            <strong>Use the Ollama running on this server:</strong> {modelList(ollama.models)}
          </p>
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void connectOllama()}>
            {busy ? 'Connecting…' : 'Use Ollama'}
          </button>
        </div>
      )}
      <ProviderForm onDone={onConnected} />
    </section>
  );
}
