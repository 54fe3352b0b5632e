// Writing an upload's body into a sealed blob file chunk by chunk (blob-format.ts), hashing
// the bytes on the way, so at most one chunk of it is in memory. Whole chunks are written as
// they fill; the last one only once every byte arrived and their SHA-256 is the blob's name.
import type { Hash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { type BlobMeta, CHUNK_BYTES, sealChunk } from './blob-format';
import type { PutResult } from './blob-store';
import type { BlobIdentity } from './sealed-file';

/** A blob file being written. */
export interface Writing {
  handle: FileHandle;
  id: BlobIdentity;
  meta: BlobMeta;
  /** SHA-256 state over the bytes written so far. */
  hash: Hash;
  /** Chunks written so far, and where the next one goes. */
  chunks: number;
  position: number;
}

/** How the file gets written, and what the store does at each way receiving ends. */
export interface WritingEnds {
  write(handle: FileHandle, bytes: Buffer, position: number): Promise<void>;
  /** Every byte is written, the last chunk too, and the hash is the name: put the file in place. */
  complete(writing: Writing): Promise<PutResult>;
  /** The bytes are not the blob's (another hash, or too many): keep nothing. */
  mismatch(writing: Writing): Promise<PutResult>;
  /** The body ended or broke early: keep the whole chunks to resume from. */
  incomplete(writing: Writing): Promise<PutResult>;
}

async function writeChunk(writing: Writing, plain: Buffer, last: boolean, ends: WritingEnds): Promise<void> {
  const { id } = writing;
  writing.hash.update(plain);
  const record = sealChunk(id.key, id.userId, id.sha256, writing.chunks, last, plain);
  await ends.write(writing.handle, record, writing.position);
  writing.position += record.length;
  writing.chunks++;
}

/** Writes `body` (the file's bytes from `offset`, of `size` in all) and ends as `ends` says. */
export async function receiveBody(
  writing: Writing,
  size: number,
  offset: number,
  body: AsyncIterable<Uint8Array>,
  ends: WritingEnds,
): Promise<PutResult> {
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let filled = 0;
  let received = offset;
  const source = body[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<Uint8Array>;
    try {
      next = await source.next();
    } catch {
      break; // The connection broke: keep the whole chunks.
    }
    if (next.done) break;
    const bytes = next.value;
    if (received + bytes.length > size) return ends.mismatch(writing);
    for (let at = 0; at < bytes.length; ) {
      const take = Math.min(CHUNK_BYTES - filled, bytes.length - at);
      chunk.set(bytes.subarray(at, at + take), filled);
      filled += take;
      received += take;
      at += take;
      if (received === size) {
        const last = chunk.subarray(0, filled);
        if (writing.hash.copy().update(last).digest('hex') !== writing.id.sha256) return ends.mismatch(writing);
        await writeChunk(writing, last, true, ends);
        return ends.complete(writing);
      }
      if (filled === CHUNK_BYTES) {
        await writeChunk(writing, chunk, false, ends);
        filled = 0;
      }
    }
  }
  return ends.incomplete(writing);
}
