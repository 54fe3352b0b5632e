// "Remove" for a saved key, with a confirmation: the key is deleted on the server for every device.
import { useState } from 'react';
import { isCustomProvider, type ProviderId, providerInfo } from '../../shared/ai/providers';
import { api, errorMessage } from '../api';
import { ConfirmDialog } from './ConfirmDialog';

interface RemoveKeyButtonProps {
  provider: ProviderId;
  /** How the provider is named in the question ("OpenAI", "localhost:11434"). */
  label: string;
  disabled?: boolean;
  /** The server's shared key takes over once this one is gone. */
  sharedFallback?: boolean;
  onRemoved: (provider: ProviderId) => void;
}

export function RemoveKeyButton({ provider, label, disabled, sharedFallback, onRemoved }: RemoveKeyButtonProps) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const custom = isCustomProvider(provider);

  const close = () => {
    setOpen(false);
    setError(null);
  };
  const remove = () => {
    setBusy(true);
    setError(null);
    api('DELETE /api/keys/:provider', { params: { provider } })
      .then(() => {
        setOpen(false);
        onRemoved(provider);
      })
      .catch((caught: unknown) => setError(errorMessage(caught)))
      .finally(() => setBusy(false));
  };

  return (
    <>
      <button
        type="button"
        className="button button-small button-danger"
        onClick={() => setOpen(true)}
        disabled={disabled}
        aria-label={`Remove ${custom ? label : `${label} key`}`}
      >
        Remove
      </button>
      <ConfirmDialog
        open={open}
        title={custom ? `Remove ${label}?` : `Remove your ${label} key?`}
        confirmLabel={custom ? 'Remove endpoint' : 'Remove key'}
        busyLabel="Removing…"
        busy={busy}
        error={error}
        onConfirm={remove}
        onClose={close}
      >
        {custom
          ? `Hearth forgets ${label}, its key and its models on every device. Chats that use its models stop getting replies until you add it again.`
          : `Hearth deletes the key from the server, for every device. ${
              sharedFallback
                ? `Chats that use ${providerInfo(provider).label} models go back to the server's shared key.`
                : `Chats that use ${providerInfo(provider).label} models stop getting replies until you add a key again.`
            }`}
      </ConfirmDialog>
    </>
  );
}
