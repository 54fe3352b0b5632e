// How a blob is sealed on disk: a short header, the file's type and size sealed on their own,
// then the bytes in chunks of CHUNK_BYTES, each sealed with AES-256-GCM under its own random
// nonce. Each chunk's additional data binds the user, the blob's SHA-256, the chunk's index
// and whether it is the last one: a chunk moved to another place, another blob or another
// user does not open, and a file cut short at a chunk boundary is caught (its last chunk
// was not sealed as the last). The key is derived from the user's data key for blobs only.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export const CHUNK_BYTES = 64 * 1024;
const MAGIC = Buffer.from('HBLB');
const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** What sealing adds to each chunk. */
export const SEAL_BYTES = NONCE_BYTES + TAG_BYTES;
/** A sealed full chunk. */
export const RECORD_BYTES = CHUNK_BYTES + SEAL_BYTES;
/** Magic, version and chunk size (u32), before the sealed meta. */
const PREFIX_BYTES = MAGIC.length + 1 + 4;
/**
 * The meta is padded to this many bytes before sealing, so every header has the same length
 * and a blob's size follows from its file's size alone (listing needs no reads).
 */
const META_BYTES = 320;
/** Prefix and sealed meta: where the chunks start. */
export const HEADER_BYTES = PREFIX_BYTES + META_BYTES + SEAL_BYTES;

/** What a blob's header holds (sealed): its MIME type and its size in bytes. */
export interface BlobMeta {
  type: string;
  size: number;
}

/** The key that seals a user's blobs: derived from their data key, so it seals nothing else. */
export function blobKey(dataKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'hearth blobs v1', 32));
}

function seal(key: Buffer, plain: Uint8Array, aad: Buffer): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const body = cipher.update(plain);
  cipher.final();
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

/** Opens a sealed record; throws when it was changed, moved, or sealed for something else. */
function open(key: Buffer, record: Uint8Array, aad: Buffer): Buffer {
  if (record.length < SEAL_BYTES) throw new Error('a sealed blob record is cut short');
  const bytes = Buffer.from(record.buffer, record.byteOffset, record.byteLength);
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, NONCE_BYTES));
  decipher.setAAD(aad);
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  const plain = decipher.update(bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES));
  decipher.final();
  return plain;
}

const metaAad = (userId: string, sha256: string) => Buffer.from(`hearth-blob-meta:${VERSION}:${userId}:${sha256}`);

function chunkAad(userId: string, sha256: string, index: number, last: boolean): Buffer {
  return Buffer.from(`hearth-blob:${VERSION}:${userId}:${sha256}:${index}:${last ? 'last' : 'more'}`);
}

/** The header of a new blob file (HEADER_BYTES long): prefix and sealed meta. */
export function sealHeader(key: Buffer, userId: string, sha256: string, meta: BlobMeta): Buffer {
  const json = JSON.stringify({ type: meta.type, size: meta.size });
  if (Buffer.byteLength(json) > META_BYTES) throw new Error(`a blob's type is too long to store: ${meta.type}`);
  // JSON.parse ignores the spaces that pad it.
  const sealed = seal(key, Buffer.from(json.padEnd(META_BYTES, ' ')), metaAad(userId, sha256));
  const prefix = Buffer.alloc(PREFIX_BYTES);
  MAGIC.copy(prefix, 0);
  prefix.writeUInt8(VERSION, MAGIC.length);
  prefix.writeUInt32BE(CHUNK_BYTES, MAGIC.length + 1);
  return Buffer.concat([prefix, sealed]);
}

/** Opens a file's header (its first HEADER_BYTES); throws when it is not a blob of this user, name and version. */
export function openHeader(key: Buffer, userId: string, sha256: string, header: Buffer): BlobMeta {
  if (header.length < HEADER_BYTES || !header.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new Error('not a Hearth blob file');
  }
  const version = header.readUInt8(MAGIC.length);
  if (version !== VERSION) throw new Error(`unknown blob file version ${version}`);
  const chunk = header.readUInt32BE(MAGIC.length + 1);
  if (chunk !== CHUNK_BYTES) throw new Error(`unexpected blob chunk size ${chunk}`);
  const sealed = header.subarray(PREFIX_BYTES, HEADER_BYTES);
  const meta = JSON.parse(open(key, sealed, metaAad(userId, sha256)).toString()) as Partial<BlobMeta>;
  if (typeof meta.type !== 'string' || typeof meta.size !== 'number') throw new Error('a blob header is not readable');
  return { type: meta.type, size: meta.size };
}

export const sealChunk = (key: Buffer, userId: string, sha256: string, index: number, last: boolean, plain: Buffer) =>
  seal(key, plain, chunkAad(userId, sha256, index, last));

export const openChunk = (key: Buffer, userId: string, sha256: string, index: number, last: boolean, record: Buffer) =>
  open(key, record, chunkAad(userId, sha256, index, last));

/** The plain size of a complete blob from its file's size (every chunk but the last is full). */
export function plainSizeOf(fileBytes: number): number {
  const body = Math.max(0, fileBytes - HEADER_BYTES);
  return body - Math.ceil(body / RECORD_BYTES) * SEAL_BYTES;
}
