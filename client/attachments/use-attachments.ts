// React access to device blobs: an object URL for a blob (from the device, or fetched),
// and a file's upload progress.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { retryDelay } from './backoff';
import { loadBlob, onQueueChange, uploadQueue } from './device-blobs';
import type { UploadProgress } from './upload-queue';

const MAX_LOAD_ATTEMPTS = 6;

export type BlobUrl = { status: 'loading' } | { status: 'ready'; url: string; blob: Blob } | { status: 'failed' };

/** An object URL for blob `sha256` while the component is shown; undefined `sha256` loads nothing. */
export function useBlobUrl(sha256: string | undefined): BlobUrl {
  const [state, setState] = useState<BlobUrl>({ status: 'loading' });
  useEffect(() => {
    if (!sha256) return;
    let url: string | undefined;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setState({ status: 'loading' });
    // Another device's file may still be on its way to the server: try again a few times.
    const load = (attempt: number) =>
      loadBlob(sha256).then(
        (blob) => {
          if (cancelled) return;
          url = URL.createObjectURL(blob);
          setState({ status: 'ready', url, blob });
        },
        () => {
          if (cancelled) return;
          // Still loading while tries are left, so a file on its way shows no error meanwhile.
          if (attempt < MAX_LOAD_ATTEMPTS) timer = setTimeout(() => load(attempt + 1), retryDelay(attempt));
          else setState({ status: 'failed' });
        },
      );
    void load(1);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      if (url) URL.revokeObjectURL(url);
    };
  }, [sha256]);
  return state;
}

const subscribeAll = (listener: () => void) => {
  let unsubscribeQueue = uploadQueue()?.subscribe(listener);
  const unsubscribe = onQueueChange(() => {
    unsubscribeQueue?.();
    unsubscribeQueue = uploadQueue()?.subscribe(listener);
    listener();
  });
  return () => {
    unsubscribe();
    unsubscribeQueue?.();
  };
};

/** How far the upload of `sha256` has got on this device; undefined when nothing is known. */
export function useUploadProgress(sha256: string): UploadProgress | undefined {
  return useSyncExternalStore(subscribeAll, () => uploadQueue()?.getProgress(sha256));
}
