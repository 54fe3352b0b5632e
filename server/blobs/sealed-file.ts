// Reading sealed blob files (blob-format.ts) chunk by chunk, so a large file never sits
// whole in memory: a complete blob's bytes, and what an unfinished upload holds (its valid
// whole chunks and the hash of their bytes, from which the upload resumes).
import { createHash, type Hash } from 'node:crypto';
import { type FileHandle, open } from 'node:fs/promises';
import {
  type BlobMeta,
  CHUNK_BYTES,
  HEADER_BYTES,
  openChunk,
  openHeader,
  plainSizeOf,
  RECORD_BYTES,
} from './blob-format';

/** Whose blob a file is: its chunks open only with this user's key, user id and name. */
export interface BlobIdentity {
  key: Buffer;
  userId: string;
  sha256: string;
}

async function readExactly(handle: FileHandle, length: number, position: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done === length ? buffer : buffer.subarray(0, done);
}

/** The file's header, opened; throws when it is missing, damaged or another blob's. */
export async function readHeader(handle: FileHandle, id: BlobIdentity): Promise<BlobMeta> {
  return openHeader(id.key, id.userId, id.sha256, await readExactly(handle, HEADER_BYTES, 0));
}

/** A complete blob's meta and file size, checked against each other; throws when they disagree. */
export async function readComplete(path: string, id: BlobIdentity): Promise<{ meta: BlobMeta; fileBytes: number }> {
  const handle = await open(path, 'r');
  try {
    const meta = await readHeader(handle, id);
    const { size: fileBytes } = await handle.stat();
    if (plainSizeOf(fileBytes) !== meta.size) throw new Error('a stored blob is not the size its header says');
    return { meta, fileBytes };
  } finally {
    await handle.close();
  }
}

/**
 * A complete blob's bytes, opened a chunk at a time. The file is opened when reading starts
 * and closed when it ends or the reader stops; a chunk that does not open throws, as does a
 * file cut short (its last chunk was not sealed as the last).
 */
export async function* readChunks(path: string, id: BlobIdentity): AsyncGenerator<Uint8Array, void, undefined> {
  const handle = await open(path, 'r');
  try {
    const { size: fileBytes } = await handle.stat();
    let position = HEADER_BYTES;
    for (let index = 0; position < fileBytes; index++) {
      const length = Math.min(RECORD_BYTES, fileBytes - position);
      const last = position + length === fileBytes;
      const record = await readExactly(handle, length, position);
      if (record.length !== length) throw new Error('a stored blob changed while it was read');
      yield openChunk(id.key, id.userId, id.sha256, index, last, record);
      position += length;
    }
  } finally {
    await handle.close();
  }
}

/** What an unfinished upload's file holds: its meta and its valid whole chunks. */
export interface HeldUpload {
  meta: BlobMeta;
  /** Whole chunks that open; the upload resumes after them. */
  chunks: number;
  /** Where the next chunk goes in the file. */
  position: number;
  /** SHA-256 state over the held bytes, to continue with the rest. */
  hash: Hash;
}

/** Reads an unfinished upload from `handle`, opening every chunk (the hash needs their bytes). */
export async function readHeld(handle: FileHandle, id: BlobIdentity): Promise<HeldUpload> {
  const meta = await readHeader(handle, id);
  const hash = createHash('sha256');
  let position = HEADER_BYTES;
  let chunks = 0;
  // A chunk that would reach the end of the file must be the last one, which is written only
  // on completion: an unfinished upload holds fewer.
  while ((chunks + 1) * CHUNK_BYTES < meta.size) {
    const record = await readExactly(handle, RECORD_BYTES, position);
    if (record.length < RECORD_BYTES) break;
    let plain: Buffer;
    try {
      // Chunks of an unfinished upload are never the last: that one is written on completion.
      plain = openChunk(id.key, id.userId, id.sha256, chunks, false, record);
    } catch {
      break;
    }
    hash.update(plain);
    position += RECORD_BYTES;
    chunks++;
  }
  return { meta, chunks, position, hash };
}

/** Bytes of the file an unfinished upload's file holds, from its size alone (its chunks unchecked). */
export const heldBytesOf = (fileBytes: number): number =>
  Math.max(0, Math.floor((fileBytes - HEADER_BYTES) / RECORD_BYTES)) * CHUNK_BYTES;
