// One custom OpenAI-compatible endpoint in the API keys list: its name, base URL, key and
// chosen models, with edit, choose models, test and remove; or, with nothing saved, the row
// that adds a new one.
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
  /** The endpoint; undefined for the row that adds one. */
  saved: ApiKeyInfo | undefined;
  online: boolean;
  /** Opens on the model chooser (the endpoint was just added). */
  choosingModels?: boolean;
  /** The endpoint was saved; `added` when it is a new one. */
  onSaved: (info: ApiKeyInfo, added?: boolean) => void;
  onRemoved?: (info: ApiKeyInfo) => void;
}

/** The endpoint as people know it: its name, else its host and port. */
export function endpointLabel(info: ApiKeyInfo | undefined): string {
  if (info?.name) return info.name;
  try {
    return info?.baseURL ? new URL(info.baseURL).host : providerInfo('custom').label;
  } catch {
    return info?.baseURL ?? providerInfo('custom').label;
  }
}

export function CustomProviderRow({ saved, online, choosingModels, onSaved, onRemoved }: CustomProviderRowProps) {
  const [mode, setMode] = useState<'view' | 'endpoint' | 'models'>(choosingModels ? 'models' : 'view');
  const test = useKeyTest(saved?.provider ?? 'custom');
  const openerRef = useRef<HTMLButtonElement>(null);
  const models = saved?.models ?? [];
  const name = endpointLabel(saved);

  const backToView = useCallback(() => {
    setMode('view');
    requestAnimationFrame(() => openerRef.current?.focus());
  }, []);
  // The name, address and key; models are chosen next. An empty key field keeps the saved key.
  const saveEndpoint = useCallback(
    async (input: KeyInput) => {
      const { name = '', baseURL = '', apiKey } = input;
      if (!saved) {
        onSaved(await api('POST /api/keys/custom', { body: { name, baseURL, apiKey } }), true);
        setMode('view');
        return;
      }
      const body = { name, baseURL, ...(apiKey && { apiKey }) };
      onSaved(await api('PUT /api/keys/:provider', { params: { provider: saved.provider }, body }));
      test.clear();
      setMode('models');
    },
    [saved, onSaved, test.clear],
  );
  const modelsSaved = useCallback(
    (info: ApiKeyInfo) => {
      onSaved(info);
      backToView();
    },
    [onSaved, backToView],
  );

  return (
    <li className="key-row" data-provider={saved?.provider ?? 'custom-new'}>
      <div className="key-head">
        <div className="key-main">
          <h3 className="key-name">{saved ? name : 'New custom endpoint'}</h3>
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
            {saved && <KeyTestButton test={test} label={`Test ${name}`} online={online} />}
            <button
              ref={openerRef}
              type="button"
              className={`button button-small${saved ? '' : ' button-primary'}`}
              onClick={() => setMode('endpoint')}
              disabled={!online}
              aria-label={saved ? `Edit ${name}` : undefined}
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
                provider={saved.provider}
                label={name}
                disabled={!online}
                onRemoved={() => onRemoved?.(saved)}
              />
            )}
          </div>
        )}
      </div>

      {mode === 'endpoint' && (
        <KeyForm
          provider={saved?.provider ?? 'custom'}
          named
          saved={saved}
          label={saved ? `Edit ${name}` : 'New custom endpoint'}
          action={() => 'Save and choose models'}
          onSubmit={saveEndpoint}
          onCancel={backToView}
          autoFocus
        />
      )}
      {mode === 'models' && saved && <CustomModelsEditor saved={saved} onSaved={modelsSaved} onCancel={backToView} />}
      {mode === 'view' && saved && (
        <div className="custom-models">
          <p className="custom-models-title">
            {models.length === 0 ? 'No models chosen yet.' : `Models (${models.length})`}
          </p>
          {models.length > 0 && (
            <ul className="chip-list" aria-label={`${name} models`}>
              {models.map((m) => (
                <li key={m.id} className="chip">
                  {m.label || m.id}
                </li>
              ))}
            </ul>
          )}
          <button
            type="button"
            className="button button-small"
            onClick={() => setMode('models')}
            disabled={!online}
            aria-label={`Choose models of ${name}`}
          >
            Choose models
          </button>
        </div>
      )}
      {test.result.status !== 'idle' && mode === 'view' && <KeyTestResult result={test.result} />}
    </li>
  );
}
