// The blob routes as the upload queue and the viewer use them (shared/api/blobs.ts): HEAD to
// learn whether the server has a file or how much of it, PUT to send the rest with progress,
// GET to fetch one this device lacks.

import { blobPath, UPLOAD_OFFSET_HEADER } from '../../shared/api/blobs';
import { isApiErrorBody } from '../../shared/api/errors';

/** What HEAD says: stored, or how many bytes of an unfinished upload the server holds. */
export type BlobHead = { stored: true } | { stored: false; offset: number };

/** A failed transfer: `retry` false when sending the same bytes again cannot help. */
export class TransferError extends Error {
  constructor(
    message: string,
    readonly retry: boolean,
    /** On a 409: where the server's copy ends, to resume from. */
    readonly offset?: number,
  ) {
    super(message);
    this.name = 'TransferError';
  }
}

export interface BlobTransport {
  head(sha256: string): Promise<BlobHead>;
  /** Sends `blob` from `offset` to its end; `onProgress` gets the bytes the server has so far. */
  put(sha256: string, blob: Blob, offset: number, onProgress: (sent: number) => void): Promise<void>;
  get(sha256: string): Promise<Blob>;
}

const PERMANENT = new Set([400, 403, 413, 415]);

function failure(status: number, bodyText: string, offsetHeader: string | null): TransferError {
  let message = `The server answered ${status}.`;
  try {
    const body: unknown = JSON.parse(bodyText);
    if (isApiErrorBody(body)) message = body.error.message;
  } catch {
    // Not JSON: the status says enough.
  }
  if (status === 409) return new TransferError(message, true, Number(offsetHeader ?? 0) || 0);
  return new TransferError(message, !PERMANENT.has(status));
}

/** Sends the rest of a file with fetch, where XMLHttpRequest (and so progress) is missing. */
async function putWithFetch(url: string, headers: Record<string, string>, body: Blob): Promise<void> {
  const response = await fetch(url, { method: 'PUT', headers, body }).catch(() => {
    throw new TransferError('The upload broke off.', true);
  });
  if (response.ok) return;
  throw failure(response.status, await response.text(), response.headers.get(UPLOAD_OFFSET_HEADER));
}

/**
 * The transport to the server at `baseUrl` (this page's origin when empty), with the session
 * cookie (or the given headers, outside a browser).
 */
export const httpBlobTransport = (baseUrl = '', extraHeaders: Record<string, string> = {}): BlobTransport => ({
  async head(sha256) {
    const init: RequestInit = { method: 'HEAD', credentials: 'same-origin', headers: extraHeaders };
    const response = await fetch(baseUrl + blobPath(sha256), init).catch(() => {
      throw new TransferError('No connection to the server.', true);
    });
    if (response.ok) return { stored: true };
    if (response.status === 404) {
      return { stored: false, offset: Number(response.headers.get(UPLOAD_OFFSET_HEADER) ?? 0) || 0 };
    }
    throw failure(response.status, '', null);
  },

  put(sha256, blob, offset, onProgress) {
    const headers: Record<string, string> = {
      ...extraHeaders,
      'Content-Type': blob.type || 'application/octet-stream',
    };
    if (offset > 0) headers['Content-Range'] = `bytes ${offset}-${blob.size - 1}/${blob.size}`;
    const body = offset > 0 ? blob.slice(offset) : blob;
    if (typeof XMLHttpRequest === 'undefined') return putWithFetch(baseUrl + blobPath(sha256), headers, body);
    // XMLHttpRequest, because fetch cannot report upload progress.
    return new Promise((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open('PUT', baseUrl + blobPath(sha256));
      request.withCredentials = true;
      for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value);
      request.upload.onprogress = (event) => onProgress(offset + event.loaded);
      request.onload = () => {
        if (request.status === 200 || request.status === 201) resolve();
        else reject(failure(request.status, request.responseText, request.getResponseHeader(UPLOAD_OFFSET_HEADER)));
      };
      request.onerror = () => reject(new TransferError('The upload broke off.', true));
      request.send(body);
    });
  },

  async get(sha256) {
    const init: RequestInit = { credentials: 'same-origin', headers: extraHeaders };
    const response = await fetch(baseUrl + blobPath(sha256), init).catch(() => {
      throw new TransferError('No connection to the server.', true);
    });
    if (!response.ok) throw failure(response.status, await response.text(), null);
    return response.blob();
  },
});

/** The transport over this page's origin, with the session cookie. */
export const browserBlobTransport = httpBlobTransport();
