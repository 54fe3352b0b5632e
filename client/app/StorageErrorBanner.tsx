// Shows the latest storage failure (full disk, blocked database) across the top of the app.
import { useSyncExternalStore } from 'react';
import { dismissStorageError, storageErrors } from '../db';

export function StorageErrorBanner() {
  const problem = useSyncExternalStore(storageErrors.subscribe, storageErrors.getSnapshot);
  if (!problem) return null;
  return (
    <div className="storage-error" role="alert">
      <p>
        {problem.message} <span className="storage-error-detail">({problem.detail})</span>
      </p>
      <button type="button" className="button button-ghost button-small" onClick={dismissStorageError}>
        Dismiss
      </button>
    </div>
  );
}
