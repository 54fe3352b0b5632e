// The directory blob store on a real temporary directory: sealed in chunks (nothing readable
// on disk, a changed, moved or cut file does not open), written only whole and verified,
// resumable after a broken body, within the quota, and nothing kept after a failure.
import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { CHUNK_BYTES, HEADER_BYTES, RECORD_BYTES } from './blob-format';
import type { PutRequest } from './blob-store';
import { DirectoryBlobStore } from './directory-store';

const alice = 'a'.repeat(32);
const bob = 'b'.repeat(32);
const dataKeys = new Map([alice, bob].map((user) => [user, randomBytes(32)]));
const dataKey = (userId: string) => dataKeys.get(userId)!;
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The bytes in pieces of `piece`, as a request body arrives; throws after `breakAfter` bytes. */
async function* body(bytes: Uint8Array, piece = 10_000, breakAfter = Number.POSITIVE_INFINITY) {
  for (let at = 0; at < bytes.length; at += piece) {
    if (at >= breakAfter) throw new Error('socket hang up');
    yield bytes.subarray(at, Math.min(at + piece, bytes.length, breakAfter));
  }
}

const request = (bytes: Uint8Array, change: Partial<PutRequest> = {}): PutRequest => ({
  type: 'application/octet-stream',
  size: bytes.length,
  offset: 0,
  body: body(bytes),
  quotaBytes: 1024 ** 3,
  ...change,
});

/** Compares bytes as bytes (a deep equality over a large Buffer takes seconds). */
const same = (a: Uint8Array, b: Uint8Array) => expect(Buffer.compare(a, b)).toBe(0);

async function readAll(store: DirectoryBlobStore, userId: string, name: string): Promise<Buffer> {
  const reader = await store.read(userId, name);
  if (!reader) throw new Error('no such blob');
  const parts: Uint8Array[] = [];
  for await (const part of reader.body) parts.push(part);
  return Buffer.concat(parts);
}

let root: string;
let store: DirectoryBlobStore;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'hearth-blobs-'));
  store = new DirectoryBlobStore({ root, dataKey });
});

const fileOf = (userId: string, name: string) => path.join(root, userId, name.slice(0, 2), name);
const unfinishedOf = (userId: string, name: string) => path.join(root, userId, 'unfinished', name);

describe('storing and reading', () => {
  it.each([1, 1000, CHUNK_BYTES - 1, CHUNK_BYTES, CHUNK_BYTES + 1, 3 * CHUNK_BYTES, 3 * CHUNK_BYTES + 7])(
    'gives back the same %i bytes, sealed on disk',
    async (size) => {
      const bytes = randomBytes(size);
      const name = sha(bytes);
      const result = await store.put(alice, name, request(bytes, { type: 'image/png' }));
      expect(result).toMatchObject({ status: 'stored', info: { sha256: name, size, type: 'image/png' } });
      same(await readAll(store, alice, name), bytes);
      expect(await store.stat(alice, name)).toMatchObject({ size, type: 'image/png' });
      expect(await store.list(alice)).toEqual([expect.objectContaining({ sha256: name, size })]);
      const onDisk = readFileSync(fileOf(alice, name));
      expect(onDisk.length).toBe(HEADER_BYTES + size + Math.ceil(size / CHUNK_BYTES) * (RECORD_BYTES - CHUNK_BYTES));
      if (size >= 64) expect(onDisk.includes(bytes.subarray(0, 64))).toBe(false);
      expect(existsSync(unfinishedOf(alice, name))).toBe(false);
    },
  );

  it('answers a second put of the same bytes with the stored blob, reading nothing', async () => {
    const bytes = randomBytes(5000);
    await store.put(alice, sha(bytes), request(bytes));
    const never: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: () => {
        throw new Error('the body was read');
      },
    };
    expect(await store.put(alice, sha(bytes), request(bytes, { body: never }))).toMatchObject({ status: 'exists' });
  });

  it('keeps users apart: another user has no such blob, and a file moved to them does not open', async () => {
    const bytes = randomBytes(3 * CHUNK_BYTES);
    const name = sha(bytes);
    await store.put(alice, name, request(bytes));
    expect(await store.read(bob, name)).toBeNull();
    expect(await store.stat(bob, name)).toBeNull();
    const moved = fileOf(bob, name);
    await store.put(bob, sha(Buffer.from('x')), request(Buffer.from('x')));
    mkdirSync(path.dirname(moved), { recursive: true });
    writeFileSync(moved, readFileSync(fileOf(alice, name)));
    await expect(store.stat(bob, name)).rejects.toThrow();
  });

  it('refuses a changed chunk, chunks swapped, and a file cut short at a chunk boundary', async () => {
    const bytes = randomBytes(3 * CHUNK_BYTES + 10);
    const name = sha(bytes);
    await store.put(alice, name, request(bytes));
    const file = fileOf(alice, name);
    const original = readFileSync(file);

    const flipped = Buffer.from(original);
    flipped[HEADER_BYTES + RECORD_BYTES + 100]! ^= 1;
    writeFileSync(file, flipped);
    await expect(readAll(store, alice, name)).rejects.toThrow();

    const swapped = Buffer.concat([
      original.subarray(0, HEADER_BYTES),
      original.subarray(HEADER_BYTES + RECORD_BYTES, HEADER_BYTES + 2 * RECORD_BYTES),
      original.subarray(HEADER_BYTES, HEADER_BYTES + RECORD_BYTES),
      original.subarray(HEADER_BYTES + 2 * RECORD_BYTES),
    ]);
    writeFileSync(file, swapped);
    await expect(readAll(store, alice, name)).rejects.toThrow();

    writeFileSync(file, original);
    truncateSync(file, HEADER_BYTES + 2 * RECORD_BYTES);
    await expect(store.stat(alice, name)).rejects.toThrow(/not the size its header says/);
  });
});

describe('what is kept when an upload fails', () => {
  it('keeps nothing when the hash is not the name, nor when there are more bytes than declared', async () => {
    const bytes = randomBytes(2 * CHUNK_BYTES + 5);
    const wrongName = sha(Buffer.from('something else'));
    expect(await store.put(alice, wrongName, request(bytes))).toEqual({ status: 'mismatch' });
    const longer = Buffer.concat([bytes, Buffer.from('more')]);
    expect(await store.put(alice, sha(bytes), request(longer, { size: bytes.length }))).toEqual({
      status: 'mismatch',
    });
    expect(readdirSync(path.join(root, alice, 'unfinished'))).toEqual([]);
    expect(await store.list(alice)).toEqual([]);
    expect(await store.usage(alice)).toEqual({ bytes: 0, blobs: 0 });
  });

  it('keeps the whole chunks of a broken upload, and resumes from there to the same blob', async () => {
    const bytes = randomBytes(5 * CHUNK_BYTES + 123);
    const name = sha(bytes);
    const broken = await store.put(alice, name, request(bytes, { body: body(bytes, 7000, 2 * CHUNK_BYTES + 500) }));
    expect(broken).toEqual({ status: 'incomplete', offset: 2 * CHUNK_BYTES });
    expect(await store.unfinished(alice, name)).toMatchObject({ offset: 2 * CHUNK_BYTES, size: bytes.length });
    expect(await store.stat(alice, name)).toBeNull();

    const size = bytes.length;
    const wrong = await store.put(alice, name, request(bytes.subarray(CHUNK_BYTES), { offset: CHUNK_BYTES, size }));
    expect(wrong).toEqual({ status: 'wrong-offset', offset: 2 * CHUNK_BYTES });

    const otherSize = await store.put(alice, name, request(bytes.subarray(CHUNK_BYTES), { offset: 2 * CHUNK_BYTES }));
    expect(otherSize).toEqual({ status: 'wrong-offset', offset: 0 });

    const rest = bytes.subarray(2 * CHUNK_BYTES);
    const resumed = await store.put(alice, name, request(rest, { offset: 2 * CHUNK_BYTES, size }));
    expect(resumed).toMatchObject({ status: 'stored', info: { size: bytes.length } });
    same(await readAll(store, alice, name), bytes);
    expect(await store.unfinished(alice, name)).toBeNull();
  });

  it('resumes from the last chunk that opens when the file was damaged after it', async () => {
    const bytes = randomBytes(4 * CHUNK_BYTES + 1);
    const name = sha(bytes);
    await store.put(alice, name, request(bytes, { body: body(bytes, 9000, 3 * CHUNK_BYTES + 1) }));
    const file = unfinishedOf(alice, name);
    const held = readFileSync(file);
    held[HEADER_BYTES + 2 * RECORD_BYTES + 50]! ^= 1;
    writeFileSync(file, Buffer.concat([held, Buffer.from('half a record')]));
    const size = bytes.length;
    const answer = await store.put(
      alice,
      name,
      request(bytes.subarray(3 * CHUNK_BYTES), { offset: 3 * CHUNK_BYTES, size }),
    );
    expect(answer).toEqual({ status: 'wrong-offset', offset: 2 * CHUNK_BYTES });
    expect(statSync(file).size).toBe(HEADER_BYTES + 2 * RECORD_BYTES);
    const resumed = await store.put(
      alice,
      name,
      request(bytes.subarray(2 * CHUNK_BYTES), { offset: 2 * CHUNK_BYTES, size }),
    );
    expect(resumed.status).toBe('stored');
    same(await readAll(store, alice, name), bytes);
  });

  it('keeps nothing when the disk fills, and says so', async () => {
    class FullDisk extends DirectoryBlobStore {
      written = 0;
      protected override async write(handle: FileHandle, bytes: Buffer, position: number): Promise<void> {
        this.written += bytes.length;
        if (this.written > 2 * RECORD_BYTES) {
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        }
        await super.write(handle, bytes, position);
      }
    }
    const full = new FullDisk({ root, dataKey });
    const bytes = randomBytes(4 * CHUNK_BYTES);
    expect(await full.put(alice, sha(bytes), request(bytes))).toEqual({ status: 'disk-full' });
    expect(readdirSync(path.join(root, alice, 'unfinished'))).toEqual([]);
    expect(await full.usage(alice)).toEqual({ bytes: 0, blobs: 0 });
  });
});

describe('usage and quota', () => {
  it('counts stored blobs and unfinished uploads, and refuses what would pass the quota', async () => {
    const first = randomBytes(3000);
    await store.put(alice, sha(first), request(first));
    const big = randomBytes(2 * CHUNK_BYTES);
    await store.put(alice, sha(big), request(big, { body: body(big, 1000, CHUNK_BYTES + 10) }));
    expect(await store.usage(alice)).toEqual({ bytes: 3000 + big.length, blobs: 1 });

    const third = randomBytes(1000);
    const quotaBytes = 3000 + big.length + 999;
    expect(await store.put(alice, sha(third), request(third, { quotaBytes }))).toEqual({
      status: 'over-quota',
      usedBytes: 3000 + big.length,
    });
    // Restarting the unfinished upload does not count it twice.
    expect((await store.put(alice, sha(big), request(big, { quotaBytes: 3000 + big.length }))).status).toBe('stored');

    // A fresh store reads the same figures from disk.
    expect(await new DirectoryBlobStore({ root, dataKey }).usage(alice)).toEqual({
      bytes: 3000 + big.length,
      blobs: 2,
    });
    await store.delete(alice, sha(first));
    expect(await store.usage(alice)).toEqual({ bytes: big.length, blobs: 1 });
  });

  it('forgets everything of a deleted user', async () => {
    const bytes = randomBytes(100);
    await store.put(alice, sha(bytes), request(bytes));
    await store.put(bob, sha(bytes), request(bytes));
    expect(await store.users()).toEqual(expect.arrayContaining([alice, bob]));
    await store.deleteUser(alice);
    expect(existsSync(path.join(root, alice))).toBe(false);
    expect(await store.users()).toEqual([bob]);
    expect(await store.usage(alice)).toEqual({ bytes: 0, blobs: 0 });
    expect(await readAll(store, bob, sha(bytes))).toEqual(bytes);
  });
});

describe('touch', () => {
  it('makes a blob young again', async () => {
    let clock = 1_000_000_000_000;
    const timed = new DirectoryBlobStore({ root, dataKey, now: () => clock });
    const bytes = randomBytes(10);
    await timed.put(alice, sha(bytes), request(bytes));
    expect((await timed.stat(alice, sha(bytes)))?.storedAt).toBe(clock);
    clock += 5000;
    await timed.touch(alice, sha(bytes));
    expect((await timed.list(alice))[0]?.storedAt).toBe(clock);
    renameSync(fileOf(alice, sha(bytes)), `${fileOf(alice, sha(bytes))}.gone`);
    await expect(timed.touch(alice, sha(bytes))).resolves.toBeUndefined();
  });
});
