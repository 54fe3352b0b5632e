// A small, honest sync status: synced, syncing (how many), connecting, offline (how many
// changes wait on this device), or an error whose detail opens on click.
import { useState } from 'react';
import { type SyncStatus, useSyncStatus } from './SyncProvider';

function label(status: SyncStatus): string {
  switch (status.kind) {
    case 'synced':
      return 'All changes synced';
    case 'syncing':
      return `Syncing ${status.pending}…`;
    case 'connecting':
      return 'Connecting to the server…';
    case 'offline':
      return status.pending ? `Offline · ${status.pending} waiting` : 'Offline · saved on this device';
    case 'error':
      return 'Sync problem';
    default: {
      const never: never = status;
      return never;
    }
  }
}

export function SyncIndicator() {
  const status = useSyncStatus();
  const [open, setOpen] = useState(false);
  return (
    <div
      className={`sync-indicator sync-${status.kind}`}
      role="status"
      data-testid="sync-status"
      data-kind={status.kind}
    >
      <span className="sync-dot" aria-hidden="true" />
      {status.kind === 'error' ? (
        <button type="button" className="link-button" onClick={() => setOpen(!open)} aria-expanded={open}>
          {label(status)}
        </button>
      ) : (
        <span>{label(status)}</span>
      )}
      {status.kind === 'error' && open && <p className="sync-detail">{status.message}</p>}
    </div>
  );
}
