// The signed-in user's files on this device: stored at once when attached, uploaded in the
// background (upload-queue), fetched from the server when another device attached them,
// then kept. SyncProvider starts it for the user; components read it through hooks.
import type { BlobUsageResponse } from '../../shared/api/blobs';
import { api } from '../api';
import { db } from '../db';
import { browserBlobTransport } from './blob-transport';
import { type BlobLimits, DEFAULT_LIMITS } from './file-checks';
import { UploadQueue } from './upload-queue';

let current: { userId: string; queue: UploadQueue } | null = null;
const listeners = new Set<() => void>();

/** Starts uploading the user's queued files; returns the stop. */
export function startDeviceBlobs(userId: string): () => void {
  const queue = new UploadQueue(db, userId, browserBlobTransport, () => navigator.onLine);
  current = { userId, queue };
  for (const listener of listeners) listener();
  const online = () => queue.kick();
  window.addEventListener('online', online);
  queue.kick();
  return () => {
    window.removeEventListener('online', online);
    queue.stop();
    if (current?.queue === queue) current = null;
  };
}

/** The running queue (null before sign-in), for the chips' progress. */
export function uploadQueue(): UploadQueue | null {
  return current?.queue ?? null;
}

export function onQueueChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function signedIn(): { userId: string; queue: UploadQueue } {
  if (!current) throw new Error('Files can be attached once you are signed in.');
  return current;
}

/** Keeps `blob` on the device as `sha256` and queues its upload. */
export async function storeAndUpload(sha256: string, blob: Blob): Promise<void> {
  const { userId, queue } = signedIn();
  await db.blobs.put({ userId, sha256, blob });
  await queue.enqueue(sha256);
}

/**
 * Makes sure the server has the files a message just sent refers to: a HEAD (which renews
 * their grace period) or, when they are gone, an upload. Offline, they wait in the queue.
 */
export async function confirmUploads(sha256s: readonly string[]): Promise<void> {
  const { queue } = signedIn();
  for (const sha256 of sha256s) await queue.enqueue(sha256);
}

const downloads = new Map<string, Promise<Blob>>();

/** The file's bytes: from the device, else from the server (then kept on the device). */
export function loadBlob(sha256: string): Promise<Blob> {
  const { userId } = signedIn();
  const key = `${userId}/${sha256}`;
  let loading = downloads.get(key);
  if (!loading) {
    loading = (async () => {
      const local = await db.blobs.get([userId, sha256]);
      if (local) return local.blob;
      const blob = await browserBlobTransport.get(sha256);
      await db.blobs.put({ userId, sha256, blob });
      return blob;
    })();
    downloads.set(key, loading);
    loading.catch(() => undefined).finally(() => downloads.delete(key));
  }
  return loading;
}

let limits: BlobLimits = DEFAULT_LIMITS;

/** The server's limits, asked when online (the last answer, or the defaults, otherwise). */
export async function currentLimits(): Promise<BlobLimits> {
  if (!navigator.onLine) return limits;
  try {
    const usage: BlobUsageResponse = await api('GET /api/blobs/usage');
    limits = { maxFileBytes: usage.maxFileBytes, freeBytes: Math.max(0, usage.quotaBytes - usage.usedBytes) };
  } catch {
    // Offline or the server is down: check against what we last knew.
  }
  return limits;
}
