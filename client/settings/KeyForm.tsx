// The one form for entering a provider's key: Settings' API keys (add or replace a key, add or
// edit a custom endpoint, with its name), the home screen and a failed reply's "Add key" all use it. It
// shows the provider's fields (a custom endpoint's server address too, and where the
// provider hands out keys), checks them with the server's own rules, and hands them to
// `onSubmit`, which saves the key (and, outside Settings, tests it at once).
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { isCustomProvider, PROVIDERS, type ProviderId, providerInfo } from '../../shared/ai/providers';
import { type ApiKeyInfo, MAX_ENDPOINT_NAME, newEndpointInput, putKeyInput } from '../../shared/api/keys';
import { Banner } from '../ui/Banner';
import { Field } from '../ui/Field';
import { SaveActions } from '../ui/SaveActions';
import { matches, SHORTCUTS } from '../ui/shortcuts';
import { InvalidInput, text, useSubmit } from '../ui/use-submit';
import { validate } from '../ui/validate';

/** What the form hands over: the key as typed (trimmed), and a custom endpoint's address and name. */
export interface KeyInput {
  provider: ProviderId;
  apiKey: string;
  /** For a custom endpoint only. */
  baseURL?: string;
  /** For a custom endpoint in a `named` form only. */
  name?: string;
}

interface KeyFormProps {
  /** The provider the form is for, or starts on when `choose` is set. */
  provider: ProviderId;
  /** Offers every provider in a list first (the home screen, a reply with no key). */
  choose?: boolean;
  /** The key this one replaces: its address is filled in, and the hints say it is replaced. */
  saved?: ApiKeyInfo | undefined;
  /** A custom endpoint's form asks for its name too (Settings, where there may be several). */
  named?: boolean;
  /** The form's accessible name. */
  label: string;
  /** The submit button's words for the provider shown. */
  action: (provider: ProviderId) => string;
  /** Saving tests the key too: the hint and the busy button say so. */
  tests?: boolean;
  /** Saves the key; throws InvalidInput or an ApiError to show what to fix, on its field. */
  onSubmit: (input: KeyInput) => Promise<void>;
  onCancel?: (() => void) | undefined;
  /** Focus the first field when shown (it opened from a button, or the page is for it). */
  autoFocus?: boolean | undefined;
  className?: string;
}

const optionLabel = (id: ProviderId) => (id === 'custom' ? 'Other (OpenAI-compatible server)' : providerInfo(id).label);

function keyHint(custom: boolean, saved: boolean, named: boolean, tests: boolean): string {
  if (custom) {
    if (saved && named) return 'Leave it empty to keep the saved key (or none). Saved keys are never shown.';
    return saved
      ? 'Enter the key again, or leave it empty if the server takes none. Saved keys are never shown.'
      : 'Leave it empty if the server takes no key, like a local Ollama.';
  }
  if (saved) return 'The new key replaces the saved one on every device.';
  return tests
    ? 'Tested at once, then stored encrypted on your Hearth server.'
    : 'Stored encrypted on your Hearth server; only its last four characters are ever shown.';
}

export function KeyForm(props: KeyFormProps) {
  const { choose, saved, tests = false, onSubmit, onCancel, autoFocus } = props;
  const [provider, setProvider] = useState<ProviderId>(props.provider);
  const info = providerInfo(provider);
  const custom = isCustomProvider(provider);
  const named = custom && Boolean(props.named);
  const formRef = useRef<HTMLFormElement>(null);
  const selectId = useId();
  useEffect(() => {
    if (autoFocus) formRef.current?.querySelector<HTMLElement>('select, input')?.focus();
  }, [autoFocus]);

  const submit = useSubmit(
    useCallback(
      async (data: FormData) => {
        const body = validate(named ? newEndpointInput : putKeyInput, {
          apiKey: text(data, 'apiKey'),
          ...(custom && { baseURL: text(data, 'baseURL') }),
          ...(named && { name: text(data, 'name') }),
        });
        const apiKey = body.apiKey ?? '';
        if (!custom && !apiKey) throw new InvalidInput({ apiKey: 'Enter the API key.' });
        await onSubmit({
          provider,
          apiKey,
          ...(body.baseURL && { baseURL: body.baseURL }),
          ...(body.name && { name: body.name }),
        });
      },
      [provider, custom, named, onSubmit],
    ),
  );

  return (
    <form
      ref={formRef}
      className={`form ${props.className ?? 'key-form'}`}
      onSubmit={submit.onSubmit}
      onKeyDown={(event) => matches(event, SHORTCUTS.cancelForm) && onCancel?.()}
      noValidate
      aria-busy={submit.busy}
      aria-label={props.label}
    >
      {submit.error && <Banner tone="error">{submit.error}</Banner>}
      {choose && (
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
      {named && (
        <Field
          key="name"
          label="Name"
          name="name"
          autoComplete="off"
          maxLength={MAX_ENDPOINT_NAME}
          placeholder="Ollama on my desktop"
          defaultValue={saved?.name ?? ''}
          required
          error={submit.fields.name}
          hint="How the model picker names this endpoint's models."
        />
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
          defaultValue={saved?.baseURL ?? ''}
          required
          error={submit.fields.baseURL}
          hint="Its OpenAI-compatible API, usually ending in /v1 (Ollama, LM Studio, vLLM…)."
        />
      )}
      <Field
        // A new field per provider: a key typed for one is not offered to another.
        key={`key-${provider}`}
        label={custom ? 'API key (optional)' : `${info.label} API key`}
        name="apiKey"
        type="password"
        autoComplete="off"
        spellCheck={false}
        required={!custom}
        error={submit.fields.apiKey}
        hint={keyHint(custom, Boolean(saved), named, tests)}
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
      <SaveActions
        label={props.action(provider)}
        busy={submit.busy}
        busyLabel={tests ? 'Testing…' : 'Saving…'}
        onCancel={onCancel}
      />
    </form>
  );
}
