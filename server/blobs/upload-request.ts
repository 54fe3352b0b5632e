// What an upload says about itself in its headers, checked before any of its body is read:
// its size (Content-Length, or the total of Content-Range when it resumes), where its body
// starts, and its type. Then its first bytes, checked against that type.
import { isSha256, mimeEssence, UNKNOWN_TYPE } from '../../shared/docs/attachments';
import { HttpError } from '../http/errors';
import { SNIFF_BYTES, sniffMismatch } from './sniff';

export interface UploadRequest {
  /** The whole file's size. */
  size: number;
  /** Where the body starts in the file (0 unless it resumes). */
  offset: number;
  type: string;
}

const MiB = 1024 * 1024;
const DIGITS = /^\d{1,15}$/;
const RANGE = /^bytes (\d{1,15})-(\d{1,15})\/(\d{1,15})$/;

/** Formats bytes for people: "20 MiB", "1.5 MiB", "900 KiB". */
export function formatSize(bytes: number): string {
  if (bytes >= MiB) return `${Number((bytes / MiB).toFixed(1))} MiB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KiB`;
}

/** The blob's name from the address, or a 400. */
export function blobName(param: string | undefined): string {
  if (!isSha256(param)) {
    throw new HttpError(
      400,
      'bad_request',
      "A file's address ends in the SHA-256 of its bytes: 64 characters, 0-9 and a-f (lowercase).",
    );
  }
  return param;
}

/** Reads and checks an upload's headers; throws the HttpError a person can act on. */
export function parseUpload(header: (name: string) => string | undefined, maxFileBytes: number): UploadRequest {
  const length = header('content-length');
  if (length === undefined) {
    throw new HttpError(411, 'length_required', 'Send the file with a Content-Length header: its size in bytes.');
  }
  if (!DIGITS.test(length))
    throw new HttpError(400, 'bad_request', 'The Content-Length header is not a size in bytes.');
  const bodyBytes = Number(length);
  let size = bodyBytes;
  let offset = 0;
  const range = header('content-range');
  if (range !== undefined) {
    const match = RANGE.exec(range);
    const [start, end, total] = match ? match.slice(1).map(Number) : [];
    if (start === undefined || end === undefined || total === undefined || end !== total - 1 || start > end) {
      throw new HttpError(
        400,
        'bad_request',
        'A resumed upload sends the rest of the file: Content-Range: bytes <offset>-<size - 1>/<size>.',
      );
    }
    if (end - start + 1 !== bodyBytes) {
      throw new HttpError(400, 'bad_request', 'The Content-Length does not match the Content-Range.');
    }
    size = total;
    offset = start;
  }
  if (size === 0) throw new HttpError(400, 'bad_request', 'This file is empty: there is nothing to store.');
  if (size > maxFileBytes) {
    throw new HttpError(
      413,
      'payload_too_large',
      `This file is ${formatSize(size)}; files can be at most ${formatSize(maxFileBytes)} on this server.`,
    );
  }
  return { size, offset, type: mimeEssence(header('content-type')) ?? UNKNOWN_TYPE };
}

/**
 * Reads the body's first bytes (up to SNIFF_BYTES) and checks them against the declared
 * type (415 when they do not fit); returns the body again, whole, for the store to read.
 */
export async function checkedBody(
  source: AsyncIterator<Uint8Array>,
  upload: UploadRequest,
): Promise<AsyncIterable<Uint8Array>> {
  const head: Uint8Array[] = [];
  if (upload.offset === 0) {
    let bytes = 0;
    const wanted = Math.min(SNIFF_BYTES, upload.size);
    while (bytes < wanted) {
      const next = await source.next().catch(() => ({ done: true as const, value: undefined }));
      if (next.done) break;
      head.push(next.value);
      bytes += next.value.length;
    }
    // A body that broke before its first bytes is not judged here: the store finds it short.
    if (bytes >= wanted) {
      const mismatch = sniffMismatch(upload.type, Buffer.concat(head));
      if (mismatch) throw new HttpError(415, 'unsupported_media_type', mismatch);
    }
  }
  return (async function* () {
    // The source is not ended when the store stops early: what is left is drained (drainBody).
    yield* head;
    for (;;) {
      const next = await source.next();
      if (next.done) return;
      yield next.value;
    }
  })();
}

/**
 * Reads the rest of a body and drops it. Before refusing an upload the server reads what the
 * client is still sending (at most the file limit, already checked): a client whose request
 * is cut off while it sends never sees the answer that says why.
 */
export async function drainBody(source: AsyncIterator<Uint8Array>): Promise<void> {
  try {
    while (!(await source.next()).done);
  } catch {
    // The connection is gone: nothing is left to read.
  }
}
