// Adds or replaces the key for one of the built-in providers. The key goes to the server and
// is never shown again: the field is a password field and is cleared once saved.
import { useCallback, useEffect, useRef } from 'react';
import type { ProviderInfo } from '../../shared/ai/providers';
import { type ApiKeyInfo, putKeyInput } from '../../shared/api/keys';
import { api } from '../api';
import { Banner } from '../ui/Banner';
import { Field } from '../ui/Field';
import { SaveActions } from '../ui/SaveActions';
import { InvalidInput, text, useSubmit } from '../ui/use-submit';
import { validate } from '../ui/validate';

interface KeyFormProps {
  provider: ProviderInfo;
  replacing: boolean;
  onSaved: (info: ApiKeyInfo) => void;
  onCancel: () => void;
}

export function KeyForm({ provider, replacing, onSaved, onCancel }: KeyFormProps) {
  const formRef = useRef<HTMLFormElement>(null);
  // The form opens from an "Add key" button: the key field is where the person goes next.
  useEffect(() => formRef.current?.querySelector('input')?.focus(), []);
  const submit = useSubmit(
    useCallback(
      async (data: FormData) => {
        const body = validate(putKeyInput, { apiKey: text(data, 'apiKey') });
        if (!body.apiKey) throw new InvalidInput({ apiKey: 'Enter the API key.' });
        onSaved(await api('PUT /api/keys/:provider', { params: { provider: provider.id }, body }));
      },
      [provider.id, onSaved],
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
      aria-label={`${provider.label} key`}
    >
      {submit.error && <Banner tone="error">{submit.error}</Banner>}
      <Field
        label={`${provider.label} API key`}
        name="apiKey"
        type="password"
        autoComplete="off"
        spellCheck={false}
        required
        error={submit.fields.apiKey}
        hint={
          replacing
            ? 'The new key replaces the saved one on every device.'
            : 'Stored encrypted on your Hearth server; only its last four characters are ever shown.'
        }
      />
      {provider.keysURL && (
        <p className="field-hint">
          No key yet?{' '}
          <a href={provider.keysURL} target="_blank" rel="noopener noreferrer">
            Get one from {provider.label}
          </a>
          .
        </p>
      )}
      <SaveActions label="Save key" busy={submit.busy} onCancel={onCancel} />
    </form>
  );
}
