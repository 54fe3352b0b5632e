// A small, honest sync status: synced, syncing (how many), connecting, offline (how many
// changes wait on this device), or an error whose detail opens on click, with a retry; when
// the server runs a newer Hearth, a Reload button.
import { useId, useState } from 'react';
import { reloadApp } from '../app/reload-app';
import { type SyncStatus, useSyncManager, useSyncStatus } from './SyncProvider';

function label(status: SyncStatus): string {
  switch (status.kind) {
    case 'synced':
      return 'All changes synced';
    case 'syncing':
      return `Syncing ${status.pending.toLocaleString()}…`;
    case 'connecting':
      return 'Connecting to the server…';
    case 'offline':
      return status.pending ? `Offline · ${status.pending.toLocaleString()} waiting` : 'Offline · saved on this device';
    case 'error':
      return status.reload ? 'Hearth was updated on the server' : 'Sync problem';
    default: {
      const never: never = status;
      return never;
    }
  }
}

/** The longer story, for the tooltip: what the state means for the person's data. */
function explain(status: SyncStatus): string {
  switch (status.kind) {
    case 'synced':
      return 'Everything on this device is also on your server.';
    case 'syncing':
      return `Sending ${status.pending.toLocaleString()} change${status.pending === 1 ? '' : 's'} to your server.`;
    case 'connecting':
      return 'Changes are saved on this device and will sync once connected.';
    case 'offline':
      return 'Changes are saved on this device and will sync when you are back online.';
    case 'error':
      return status.reload
        ? 'Changes are saved on this device; reload to get the new version and keep syncing.'
        : 'Changes are saved on this device, but syncing failed.';
    default: {
      const never: never = status;
      return never;
    }
  }
}

export function SyncIndicator() {
  const status = useSyncStatus();
  const manager = useSyncManager();
  const [open, setOpen] = useState(false);
  const detailId = useId();
  const error = status.kind === 'error';
  if (error && status.reload) {
    // Nothing syncs until a reload ([S15]): offered at once, not behind "Details".
    return (
      <div className="sync-status" role="status" data-testid="sync-status" data-kind="error" title={explain(status)}>
        <span className="sync-status-dot" aria-hidden="true" />
        <span className="sync-status-label">{label(status)}</span>
        <button type="button" className="button button-primary button-small" onClick={() => void reloadApp()}>
          Reload
        </button>
      </div>
    );
  }
  return (
    <div
      className="sync-status"
      role="status"
      data-testid="sync-status"
      data-kind={status.kind}
      title={explain(status)}
    >
      <span className="sync-status-dot" aria-hidden="true" />
      {error ? (
        <button
          type="button"
          className="sync-status-toggle"
          onClick={() => setOpen(!open)}
          aria-expanded={open}
          aria-controls={detailId}
        >
          {label(status)}
          <span className="sync-status-more">{open ? 'Hide details' : 'Details'}</span>
        </button>
      ) : (
        <span className="sync-status-label">{label(status)}</span>
      )}
      {error && open && (
        <div id={detailId} className="sync-status-detail">
          <p>{status.message}</p>
          <p className="sync-status-note">{explain(status)}</p>
          {manager && (
            <button type="button" className="button button-small" onClick={() => manager.online()}>
              Try again
            </button>
          )}
        </div>
      )}
    </div>
  );
}
