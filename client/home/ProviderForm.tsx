// Connects a provider in one step: the key form (client/settings/KeyForm.tsx) whose saving
// also tests the key and, for any other OpenAI-compatible server, takes the models it lists
// (connect-provider.ts). Used on the home screen and from a reply that failed for want of a
// working key.
import { useCallback } from 'react';
import type { ProviderId } from '../../shared/ai/providers';
import { KeyForm, type KeyInput } from '../settings/KeyForm';
import { useSyncManager } from '../sync/SyncProvider';
import { connectProvider } from './connect-provider';

interface ProviderFormProps {
  /** The provider to start with; with `fixed`, the only one offered. */
  provider?: ProviderId;
  fixed?: boolean;
  /** Called with the model it offers first, once the key works. */
  onDone: (model: string | undefined) => void;
  onCancel?: () => void;
  autoFocus?: boolean;
}

export function ProviderForm({ provider = 'openai', fixed, onDone, onCancel, autoFocus }: ProviderFormProps) {
  const index = useSyncManager()?.index.doc;
  const connect = useCallback(async (input: KeyInput) => onDone(await connectProvider(input, index)), [index, onDone]);
  return (
    <KeyForm
      provider={provider}
      choose={!fixed}
      label="Connect a provider"
      action={(chosen) => (chosen === 'custom' ? 'Connect' : 'Save and test key')}
      tests
      onSubmit={connect}
      onCancel={onCancel}
      autoFocus={autoFocus}
      className="provider-form"
    />
  );
}
