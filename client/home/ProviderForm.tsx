// Connects a provider in one step: pick it, paste the key (and, for any other
// OpenAI-compatible server, its address); the key is tested at once and, if it works, saved.
// Used on the home screen and from a reply that failed for want of a working key.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { PROVIDERS, type ProviderId, providerInfo } from '../../shared/ai/providers';
import { putKeyInput } from '../../shared/api/keys';
import { useSyncManager } from '../sync/SyncProvider';
import { Banner } from '../ui/Banner';
import { Field } from '../ui/Field';
import { InvalidInput, text, useSubmit } from '../ui/use-submit';
import { validate } from '../ui/validate';
import { connectProvider } from './connect-provider';

interface ProviderFormProps {
  /** The provider to start with; with `fixed`, the only one offered. */
  provider?: ProviderId;
  fixed?: boolean;
  /** Called with the model it offers first, once the key works. */
  onDone: (model: string | undefined) => void;
  onCancel?: () => void;
  /** Focus the first field when shown (it opened from a button, or the page is for it). */
  autoFocus?: boolean;
}

const optionLabel = (id: ProviderId) => (id === 'custom' ? 'Other (OpenAI-compatible server)' : providerInfo(id).label);

export function ProviderForm({ provider: initial = 'openai', fixed, onDone, onCancel, autoFocus }: ProviderFormProps) {
  const [provider, setProvider] = useState<ProviderId>(initial);
  const info = providerInfo(provider);
  const custom = provider === 'custom';
  const manager = useSyncManager();
  const formRef = useRef<HTMLFormElement>(null);
  const selectId = useId();
  useEffect(() => {
    if (autoFocus) formRef.current?.querySelector<HTMLElement>(fixed ? 'input' : 'select')?.focus();
  }, [autoFocus, fixed]);

  const submit = useSubmit(
    useCallback(
      async (data: FormData) => {
        const body = validate(putKeyInput, {
          apiKey: text(data, 'apiKey'),
          ...(custom && { baseURL: text(data, 'baseURL') }),
        });
        if (!custom && !body.apiKey) throw new InvalidInput({ apiKey: 'Paste the API key.' });
        const input = { provider, apiKey: body.apiKey, ...(body.baseURL && { baseURL: body.baseURL }) };
        onDone(await connectProvider(input, manager?.index.doc));
      },
      [provider, custom, manager, onDone],
    ),
  );

  return (
    <form
      ref={formRef}
      className="form provider-form"
      onSubmit={submit.onSubmit}
      onKeyDown={(event) => event.key === 'Escape' && onCancel?.()}
      noValidate
      aria-busy={submit.busy}
      aria-label="Connect a provider"
    >
      {submit.error && <Banner tone="error">{submit.error}</Banner>}
      {!fixed && (
        <div className="field">
          <label htmlFor={selectId}>Provider</label>
          <select
            id={selectId}
            className="select"
            value={provider}
            onChange={(event) => {
              setProvider(event.target.value as ProviderId);
              submit.reset();
            }}
          >
            {PROVIDERS.map((p) => (
              <option key={p.id} value={p.id}>
                {optionLabel(p.id)}
              </option>
            ))}
          </select>
        </div>
      )}
      {custom && (
        <Field
          key="baseURL"
          label="Server address"
          name="baseURL"
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="http://localhost:11434/v1"
          required
          error={submit.fields.baseURL}
          hint="Its OpenAI-compatible API, usually ending in /v1 (Ollama, LM Studio, vLLM…)."
        />
      )}
      <Field
        key={`key-${provider}`}
        label={custom ? 'API key (optional)' : `${info.label} API key`}
        name="apiKey"
        type="password"
        autoComplete="off"
        spellCheck={false}
        required={!custom}
        error={submit.fields.apiKey}
        hint={
          custom
            ? 'Leave it empty if the server takes no key.'
            : 'Tested at once, then stored encrypted on your Hearth server.'
        }
      />
      {info.keysURL && (
        <p className="field-hint">
          No key yet?{' '}
          <a href={info.keysURL} target="_blank" rel="noopener noreferrer">
            Get one from {info.label}
          </a>
          .
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={submit.busy}>
          {submit.busy ? 'Testing…' : custom ? 'Connect' : 'Save and test key'}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
