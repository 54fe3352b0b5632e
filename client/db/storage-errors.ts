// Makes storage failures visible: turns Dexie/IndexedDB errors into a sentence and keeps
// the latest one for the UI to show, so a full disk or a blocked database is never silent.

export interface StorageProblem {
  message: string;
  /** The browser's own error name, for a bug report. */
  detail: string;
}

function innerName(error: unknown): string {
  if (!(error instanceof Error)) return 'UnknownError';
  // Dexie wraps the IndexedDB error in `inner` (e.g. an AbortError around a QuotaExceededError).
  const inner = (error as Error & { inner?: unknown }).inner;
  if (inner instanceof Error || inner instanceof DOMException) return `${error.name}/${inner.name}`;
  return error.name;
}

export function describeStorageError(error: unknown): StorageProblem {
  const detail = innerName(error);
  if (detail.includes('QuotaExceededError')) {
    return {
      message: "This device is out of storage space, so Hearth can't save. Free up some space, then reload.",
      detail,
    };
  }
  if (detail.includes('MissingAPIError')) {
    return {
      message:
        "This browser won't let Hearth store data (private browsing may block it). Nothing will be kept offline.",
      detail,
    };
  }
  if (detail.includes('VersionError') || detail.includes('UpgradeError')) {
    return {
      message: 'Hearth was updated in another tab. Reload this tab to keep using it.',
      detail,
    };
  }
  return { message: "Hearth couldn't read or save data on this device. Reload to try again.", detail };
}

type Listener = () => void;
let current: StorageProblem | null = null;
const listeners = new Set<Listener>();

/** Records a storage failure for the UI and returns it, so callers can still rethrow. */
export function reportStorageError(error: unknown): StorageProblem {
  current = describeStorageError(error);
  console.error('Storage error:', error);
  for (const listener of listeners) listener();
  return current;
}

export function dismissStorageError(): void {
  current = null;
  for (const listener of listeners) listener();
}

export const storageErrors = {
  getSnapshot: (): StorageProblem | null => current,
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
