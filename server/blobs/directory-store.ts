// The blob store in the data directory: `blobs/<userId>/<ab>/<sha256>` (ab: the name's first
// two characters, so no directory grows too large), each file sealed in chunks with a key
// derived from the user's data key (blob-format.ts). An upload is written to
// `blobs/<userId>/unfinished/<sha256>` while its bytes are hashed, and renamed into place only
// once they are all there and their SHA-256 is the name; on a mismatch or a disk error the
// file is removed, and a broken connection leaves its whole chunks there to resume from.
import { createHash } from 'node:crypto';
import { type FileHandle, mkdir, open, readdir, rename, rm, stat, unlink, utimes } from 'node:fs/promises';
import path from 'node:path';
import { isSha256 } from '../../shared/docs/attachments';
import { isId } from '../../shared/docs/ids';
import { type BlobMeta, blobKey, CHUNK_BYTES, HEADER_BYTES, plainSizeOf, sealHeader } from './blob-format';
import type {
  BlobInfo,
  BlobReader,
  BlobStore,
  BlobUsage,
  PutRequest,
  PutResult,
  StoredBlob,
  UnfinishedUpload,
} from './blob-store';
import { receiveBody, type Writing } from './chunk-writer';
import { type BlobIdentity, heldBytesOf, readChunks, readComplete, readHeader, readHeld } from './sealed-file';
import { type LedgerKey, ledgerTotal, UsageLedger } from './usage-ledger';

const UNFINISHED = 'unfinished';

export interface DirectoryStoreOptions {
  /** Where the blobs live: `<data directory>/blobs`. */
  root: string;
  /** The user's data key (DataKeys.keyFor). */
  dataKey: (userId: string) => Buffer;
  /** The clock of `storedAt` and `updatedAt` (tests step it). */
  now?: () => number;
}

const isDiskFull = (error: unknown) =>
  error instanceof Error && ['ENOSPC', 'EDQUOT'].includes((error as NodeJS.ErrnoException).code ?? '');
const isMissing = (error: unknown) => error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT';
const ignoreMissing = (error: unknown) => {
  if (!isMissing(error)) throw error;
};
const blobEntry = (sha256: string): LedgerKey => `blob:${sha256}`;
const uploadEntry = (sha256: string): LedgerKey => `upload:${sha256}`;

export class DirectoryBlobStore implements BlobStore {
  private readonly root: string;
  private readonly now: () => number;
  private readonly keys = new Map<string, Buffer>();
  /** `<userId>/<sha256>` of the puts running now: one at a time per blob. */
  private readonly writing = new Set<string>();
  private readonly ledger = new UsageLedger((userId) => this.scan(userId));

  constructor(private readonly options: DirectoryStoreOptions) {
    this.root = options.root;
    this.now = options.now ?? Date.now;
  }

  async put(userId: string, sha256: string, request: PutRequest): Promise<PutResult> {
    const id = this.identity(userId, sha256);
    const lock = `${userId}/${sha256}`;
    if (this.writing.has(lock)) throw new Error('a blob is being written by another put; the caller serialises them');
    this.writing.add(lock);
    try {
      return await this.putAlone(id, request);
    } finally {
      this.writing.delete(lock);
    }
  }

  private async putAlone(id: BlobIdentity, request: PutRequest): Promise<PutResult> {
    const { userId, sha256 } = id;
    // A stored file that does not open is replaced by the upload.
    const existing = await this.stat(userId, sha256).catch(() => null);
    if (existing) {
      await this.touch(userId, sha256);
      return { status: 'exists', info: { ...existing, storedAt: this.now() } };
    }
    const entries = await this.ledger.of(userId);
    let writing: Writing;
    if (request.offset === 0) {
      const usedBytes = ledgerTotal(entries, uploadEntry(sha256));
      if (usedBytes + request.size > request.quotaBytes) return { status: 'over-quota', usedBytes };
      entries.set(uploadEntry(sha256), request.size);
      try {
        writing = await this.begin(id, { type: request.type, size: request.size });
      } catch (error) {
        return this.fail(id, error);
      }
    } else {
      const held = await this.resume(id);
      // Another size is another upload: it starts again from 0.
      const heldBytes = held && held.meta.size === request.size ? held.chunks * CHUNK_BYTES : 0;
      if (!held || heldBytes !== request.offset) {
        await held?.handle.close();
        return { status: 'wrong-offset', offset: heldBytes };
      }
      writing = held;
    }
    try {
      return await receiveBody(writing, request.size, request.offset, request.body, {
        write: (handle, bytes, position) => this.write(handle, bytes, position),
        complete: (done) => this.complete(done),
        mismatch: (wrong) => this.discard(wrong, { status: 'mismatch' }),
        incomplete: (broken) => this.keep(broken),
      });
    } catch (error) {
      return this.fail(id, error, writing);
    }
  }

  /** Starts a new unfinished upload (replacing any other of the same blob) with its header. */
  private async begin(id: BlobIdentity, meta: BlobMeta): Promise<Writing> {
    await mkdir(this.dirOf(id.userId, UNFINISHED), { recursive: true, mode: 0o700 });
    const handle = await open(this.unfinishedPath(id.userId, id.sha256), 'w', 0o600);
    try {
      await this.write(handle, sealHeader(id.key, id.userId, id.sha256, meta), 0);
    } catch (error) {
      await handle.close();
      throw error;
    }
    return { handle, id, meta, hash: createHash('sha256'), chunks: 0, position: HEADER_BYTES };
  }

  /** Opens the unfinished upload to continue it, cut back to its last whole chunk that opens. */
  private async resume(id: BlobIdentity): Promise<Writing | null> {
    let handle: FileHandle;
    try {
      handle = await open(this.unfinishedPath(id.userId, id.sha256), 'r+');
    } catch (error) {
      ignoreMissing(error);
      return null;
    }
    try {
      const held = await readHeld(handle, id);
      await handle.truncate(held.position);
      await this.stamp(handle);
      return { handle, id, ...held };
    } catch {
      // An unreadable header: nothing to resume; the upload starts again.
      await handle.close();
      return null;
    }
  }

  /** Puts a finished upload in place: flushed, renamed, then dated and counted as a blob. */
  private async complete(writing: Writing): Promise<PutResult> {
    const { userId, sha256 } = writing.id;
    await writing.handle.sync();
    await writing.handle.close();
    const dir = this.dirOf(userId, sha256.slice(0, 2));
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const target = path.join(dir, sha256);
    await rename(this.unfinishedPath(userId, sha256), target);
    await syncDirectory(dir);
    const storedAt = this.now();
    await utimes(target, storedAt / 1000, storedAt / 1000);
    this.ledger.set(userId, uploadEntry(sha256), null);
    this.ledger.set(userId, blobEntry(sha256), writing.meta.size);
    return { status: 'stored', info: { sha256, ...writing.meta, storedAt } };
  }

  /** Keeps an upload that ended early, dated now, to resume from. */
  private async keep(writing: Writing): Promise<PutResult> {
    await this.stamp(writing.handle);
    await writing.handle.close();
    return { status: 'incomplete', offset: writing.chunks * CHUNK_BYTES };
  }

  /** Removes an upload's file and its share of the quota. */
  private async discard<R extends PutResult>(writing: Writing, result: R): Promise<R> {
    await writing.handle.close().catch(() => {});
    await unlink(this.unfinishedPath(writing.id.userId, writing.id.sha256)).catch(ignoreMissing);
    this.ledger.set(writing.id.userId, uploadEntry(writing.id.sha256), null);
    return result;
  }

  /** A write failed: nothing is kept; a full disk is an answer, anything else is thrown. */
  private async fail(id: BlobIdentity, error: unknown, writing?: Writing): Promise<PutResult> {
    await writing?.handle.close().catch(() => {});
    await unlink(this.unfinishedPath(id.userId, id.sha256)).catch(() => {});
    this.ledger.set(id.userId, uploadEntry(id.sha256), null);
    if (isDiskFull(error)) return { status: 'disk-full' };
    throw error;
  }

  /** Dates an unfinished upload's file by the store's clock: its age for garbage collection. */
  private async stamp(handle: FileHandle): Promise<void> {
    const at = this.now() / 1000;
    await handle.utimes(at, at);
  }

  /** Every write to a blob file goes through here (a test replaces it to fill the disk). */
  protected async write(handle: FileHandle, bytes: Buffer, position: number): Promise<void> {
    let done = 0;
    while (done < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position + done);
      done += bytesWritten;
    }
  }

  async read(userId: string, sha256: string): Promise<BlobReader | null> {
    const info = await this.stat(userId, sha256);
    if (!info) return null;
    return { info, body: readChunks(this.blobPath(userId, sha256), this.identity(userId, sha256)) };
  }

  async stat(userId: string, sha256: string): Promise<BlobInfo | null> {
    const file = this.blobPath(userId, sha256);
    try {
      const [{ meta }, { mtimeMs }] = await Promise.all([
        readComplete(file, this.identity(userId, sha256)),
        stat(file),
      ]);
      return { sha256, size: meta.size, type: meta.type, storedAt: mtimeMs };
    } catch (error) {
      ignoreMissing(error);
      return null;
    }
  }

  async touch(userId: string, sha256: string): Promise<void> {
    const at = this.now() / 1000;
    await utimes(this.blobPath(userId, sha256), at, at).catch(ignoreMissing);
  }

  async unfinished(userId: string, sha256: string): Promise<UnfinishedUpload | null> {
    const file = this.unfinishedPath(userId, sha256);
    let handle: FileHandle;
    try {
      handle = await open(file, 'r');
    } catch (error) {
      ignoreMissing(error);
      return null;
    }
    try {
      const meta = await readHeader(handle, this.identity(userId, sha256));
      const { size: fileBytes, mtimeMs } = await handle.stat();
      return { sha256, offset: heldBytesOf(fileBytes), size: meta.size, type: meta.type, updatedAt: mtimeMs };
    } catch {
      return null;
    } finally {
      await handle.close();
    }
  }

  async delete(userId: string, sha256: string): Promise<void> {
    await unlink(this.blobPath(userId, sha256)).catch(ignoreMissing);
    this.ledger.set(userId, blobEntry(sha256), null);
  }

  async discardUnfinished(userId: string, sha256: string): Promise<boolean> {
    if (this.writing.has(`${userId}/${sha256}`)) return false;
    try {
      await unlink(this.unfinishedPath(userId, sha256));
    } catch (error) {
      ignoreMissing(error);
      return false;
    }
    this.ledger.set(userId, uploadEntry(sha256), null);
    return true;
  }

  async list(userId: string): Promise<StoredBlob[]> {
    const out: StoredBlob[] = [];
    for (const shard of await this.entries(this.dirOf(userId))) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue;
      for (const sha256 of await this.entries(this.dirOf(userId, shard))) {
        if (!isSha256(sha256)) continue;
        const info = await stat(path.join(this.dirOf(userId, shard), sha256)).catch(() => null);
        if (info) out.push({ sha256, size: plainSizeOf(info.size), storedAt: info.mtimeMs });
      }
    }
    return out;
  }

  async listUnfinished(userId: string): Promise<UnfinishedUpload[]> {
    const out: UnfinishedUpload[] = [];
    for (const sha256 of await this.entries(this.dirOf(userId, UNFINISHED))) {
      if (!isSha256(sha256)) continue;
      const upload = await this.unfinished(userId, sha256);
      // An unreadable file still takes space: listed as holding nothing, so it can be discarded.
      out.push(upload ?? { sha256, offset: 0, size: 0, type: '', updatedAt: 0 });
    }
    return out;
  }

  async usage(userId: string): Promise<BlobUsage> {
    const entries = await this.ledger.of(userId);
    let blobs = 0;
    for (const key of entries.keys()) if (key.startsWith('blob:')) blobs++;
    return { bytes: ledgerTotal(entries), blobs };
  }

  async users(): Promise<string[]> {
    return (await this.entries(this.root)).filter(isId);
  }

  async deleteUser(userId: string): Promise<void> {
    await rm(this.dirOf(userId), { recursive: true, force: true });
    // After the removal: a count read while it ran would be stale.
    this.ledger.forget(userId);
    this.keys.delete(userId);
  }

  /** What the user's files take, for the ledger. */
  private async scan(userId: string): Promise<Map<LedgerKey, number>> {
    const entries = new Map<LedgerKey, number>();
    for (const blob of await this.list(userId)) entries.set(blobEntry(blob.sha256), blob.size);
    for (const upload of await this.listUnfinished(userId)) entries.set(uploadEntry(upload.sha256), upload.size);
    return entries;
  }

  private async entries(dir: string): Promise<string[]> {
    try {
      return await readdir(dir);
    } catch (error) {
      ignoreMissing(error);
      return [];
    }
  }

  private identity(userId: string, sha256: string): BlobIdentity {
    if (!isId(userId) || !isSha256(sha256)) throw new Error('a blob is named by a user id and a SHA-256');
    let key = this.keys.get(userId);
    if (!key) {
      key = blobKey(this.options.dataKey(userId));
      this.keys.set(userId, key);
    }
    return { key, userId, sha256 };
  }

  private dirOf(userId: string, sub?: string): string {
    if (!isId(userId)) throw new Error('not a user id');
    return sub ? path.join(this.root, userId, sub) : path.join(this.root, userId);
  }

  private blobPath = (userId: string, sha256: string) => path.join(this.dirOf(userId, sha256.slice(0, 2)), sha256);
  private unfinishedPath = (userId: string, sha256: string) => path.join(this.dirOf(userId, UNFINISHED), sha256);
}

/** Makes a rename in `dir` durable (the directory's entry, not only the file's bytes). */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
