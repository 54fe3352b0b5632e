// The custom OpenAI-compatible endpoint in the API keys list: its base URL, key and chosen
// models, with add, edit, choose models, test and remove.
import { useCallback, useRef, useState } from 'react';
import { providerInfo } from '../../shared/ai/providers';
import type { ApiKeyInfo } from '../../shared/api/keys';
import { api } from '../api';
import { CustomModelsEditor } from './CustomModelsEditor';
import { KeyForm, type KeyInput } from './KeyForm';
import { KeyTestButton, KeyTestResult } from './KeyTestResult';
import { SavedKey } from './ProviderKeyRow';
import { RemoveKeyButton } from './RemoveKeyButton';
import { useKeyTest } from './use-key-test';

interface CustomProviderRowProps {
  saved: ApiKeyInfo | undefined;
  online: boolean;
  onSaved: (info: ApiKeyInfo) => void;
  onRemoved: () => void;
}

/** The endpoint as people know it: its host and port. */
export function endpointLabel(baseURL: string | undefined): string {
  try {
    return baseURL ? new URL(baseURL).host : providerInfo('custom').label;
  } catch {
    return baseURL ?? providerInfo('custom').label;
  }
}

export function CustomProviderRow({ saved, online, onSaved, onRemoved }: CustomProviderRowProps) {
  const [mode, setMode] = useState<'view' | 'endpoint' | 'models'>('view');
  // The key as typed during this visit, so choosing models right after needs no retyping.
  const typedKey = useRef<string | null>(null);
  const test = useKeyTest('custom');
  const openerRef = useRef<HTMLButtonElement>(null);
  const models = saved?.models ?? [];

  const backToView = useCallback(() => {
    setMode('view');
    requestAnimationFrame(() => openerRef.current?.focus());
  }, []);
  // The address and key; the models chosen before stay until the list is chosen next.
  const saveEndpoint = useCallback(
    async ({ apiKey, baseURL }: KeyInput) => {
      const body = { apiKey, baseURL, models: saved?.models ?? [] };
      const info = await api('PUT /api/keys/:provider', { params: { provider: 'custom' }, body });
      typedKey.current = apiKey;
      onSaved(info);
      setMode('models');
    },
    [saved, onSaved],
  );
  const modelsSaved = useCallback(
    (info: ApiKeyInfo) => {
      onSaved(info);
      backToView();
    },
    [onSaved, backToView],
  );
  const removed = useCallback(() => {
    typedKey.current = null;
    test.clear();
    onRemoved();
    requestAnimationFrame(() => openerRef.current?.focus());
  }, [onRemoved, test.clear]);

  return (
    <li className="key-row" data-provider="custom">
      <div className="key-head">
        <div className="key-main">
          <h3 className="key-name">Custom endpoint</h3>
          {saved ? (
            <>
              <p className="key-url">{saved.baseURL}</p>
              <p className="key-status muted">
                <SavedKey info={saved} />
              </p>
            </>
          ) : (
            <p className="key-status muted">Any OpenAI-compatible server: Ollama, llama.cpp, vLLM, LM Studio…</p>
          )}
        </div>
        {mode === 'view' && (
          <div className="key-actions">
            {saved && <KeyTestButton test={test} label="Test custom endpoint" online={online} />}
            <button
              ref={openerRef}
              type="button"
              className={`button button-small${saved ? '' : ' button-primary'}`}
              onClick={() => setMode('endpoint')}
              disabled={!online}
              aria-label={saved ? 'Edit custom endpoint' : undefined}
            >
              {saved ? (
                'Edit'
              ) : (
                <span>
                  Add <span className="visually-hidden">custom </span>endpoint
                </span>
              )}
            </button>
            {saved && (
              <RemoveKeyButton
                provider="custom"
                label={endpointLabel(saved.baseURL)}
                disabled={!online}
                onRemoved={removed}
              />
            )}
          </div>
        )}
      </div>

      {mode === 'endpoint' && (
        <KeyForm
          provider="custom"
          saved={saved}
          label="Custom endpoint"
          action={() => 'Save and choose models'}
          onSubmit={saveEndpoint}
          onCancel={backToView}
          autoFocus
        />
      )}
      {mode === 'models' && saved && (
        <CustomModelsEditor saved={saved} apiKey={typedKey.current} onSaved={modelsSaved} onCancel={backToView} />
      )}
      {mode === 'view' && saved && (
        <div className="custom-models">
          <p className="custom-models-title">
            {models.length === 0 ? 'No models chosen yet.' : `Models (${models.length})`}
          </p>
          {models.length > 0 && (
            <ul className="chip-list" aria-label="Custom endpoint models">
              {models.map((m) => (
                <li key={m.id} className="chip">
                  {m.label || m.id}
                </li>
              ))}
            </ul>
          )}
          <button type="button" className="button button-small" onClick={() => setMode('models')} disabled={!online}>
            Choose models
          </button>
        </div>
      )}
      {test.result.status !== 'idle' && mode === 'view' && <KeyTestResult result={test.result} />}
    </li>
  );
}
