// Adds or edits the custom OpenAI-compatible endpoint (Ollama, llama.cpp, vLLM…): its base
// URL and, when it needs one, its key. The model list is chosen next, from its /models.
import { useCallback, useEffect, useRef } from 'react';
import { type ApiKeyInfo, putKeyInput } from '../../shared/api/keys';
import { api } from '../api';
import { Banner } from '../ui/Banner';
import { Field } from '../ui/Field';
import { SaveActions } from '../ui/SaveActions';
import { text, useSubmit } from '../ui/use-submit';
import { validate } from '../ui/validate';

interface CustomEndpointFormProps {
  saved: ApiKeyInfo | undefined;
  /** Called with what the server stored and the key as typed, for saving the model list next. */
  onSaved: (info: ApiKeyInfo, apiKey: string) => void;
  onCancel: () => void;
}

export function CustomEndpointForm({ saved, onSaved, onCancel }: CustomEndpointFormProps) {
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => formRef.current?.querySelector('input')?.focus(), []);
  const submit = useSubmit(
    useCallback(
      async (data: FormData) => {
        const body = validate(putKeyInput, {
          apiKey: text(data, 'apiKey'),
          baseURL: text(data, 'baseURL'),
          models: saved?.models ?? [],
        });
        const info = await api('PUT /api/keys/:provider', { params: { provider: 'custom' }, body });
        onSaved(info, body.apiKey);
      },
      [saved, onSaved],
    ),
  );

  return (
    <form
      ref={formRef}
      className="form key-form"
      onSubmit={submit.onSubmit}
      onKeyDown={(event) => event.key === 'Escape' && onCancel()}
      noValidate
      aria-busy={submit.busy}
      aria-label="Custom endpoint"
    >
      {submit.error && <Banner tone="error">{submit.error}</Banner>}
      <Field
        label="Base URL"
        name="baseURL"
        type="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        placeholder="http://localhost:11434/v1"
        defaultValue={saved?.baseURL ?? ''}
        required
        error={submit.fields.baseURL}
        hint="The address of its OpenAI-compatible API, usually ending in /v1."
      />
      <Field
        label="API key (optional)"
        name="apiKey"
        type="password"
        autoComplete="off"
        spellCheck={false}
        error={submit.fields.apiKey}
        hint={
          saved
            ? 'Enter the key again, or leave it empty if the endpoint takes none. Saved keys are never shown.'
            : 'Leave it empty if the endpoint takes no key, like a local Ollama.'
        }
      />
      <SaveActions label="Save and choose models" busy={submit.busy} onCancel={onCancel} />
    </form>
  );
}
