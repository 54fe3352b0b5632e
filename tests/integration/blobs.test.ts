// Attached files against the real server (in this process, so the blob clock can be stepped
// past the grace period and the disk can be made to fill): upload and download, the hash
// check, isolation between users, resuming after a broken connection, limits, type checks,
// and garbage collection after a chat or an account is deleted.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BLOB_GRACE_MS } from '../../server/blobs/collector';
import { DirectoryBlobStore } from '../../server/blobs/directory-store';
import { parseConfig } from '../../server/config';
import { createLogger } from '../../server/log/logger';
import { type RunningServer, startServer } from '../../server/server';
import type { BlobUsageResponse } from '../../shared/api/blobs';
import type { Attachment } from '../../shared/docs/attachments';
import { addDraftAttachment } from '../../shared/docs/draft-attachments';
import { createThread, deleteThread } from '../../shared/docs/index-doc';
import { indexDocName, threadDocName } from '../../shared/docs/names';
import { addMessage } from '../../shared/docs/thread-doc';
import { ApiClient } from '../support/api-client';
import { eventually, upload } from '../support/sync-device';

const MiB = 1024 * 1024;
const CHUNK = 64 * 1024;

/** A store whose disk can be made full, as a real one fills while writing. */
class FillingDisk extends DirectoryBlobStore {
  full = false;
  protected override async write(handle: FileHandle, bytes: Buffer, position: number): Promise<void> {
    if (this.full) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    await super.write(handle, bytes, position);
  }
}

let server: RunningServer;
let disk: FillingDisk;
let dataDir: string;
let clock = Date.now();

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'hearth-test-'));
  const config = parseConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    HEARTH_DATA_DIR: dataDir,
    HEARTH_CLIENT_DIR: dataDir,
    HEARTH_MAX_FILE_MB: '2',
    HEARTH_USER_QUOTA_MB: '3',
  });
  server = await startServer(config, createLogger({ write: () => {} }), {
    now: () => clock,
    blobStore: (options) => {
      disk = new FillingDisk(options);
      return disk;
    },
  });
});
afterAll(() => server.close());

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const png = (size: number) => Buffer.concat([PNG, randomBytes(size - PNG.length)]);

async function user() {
  const client = new ApiClient(server.url);
  const { id, password } = await client.signup();
  return { client, id, password };
}

interface Answer {
  status: number;
  headers: Headers;
  body: Buffer;
  json: { error?: { code: string; message: string }; sha256?: string; size?: number; type?: string };
}

async function send(
  client: ApiClient,
  method: string,
  name: string,
  body?: Uint8Array,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(`${server.url}/api/blobs/${name}`, {
    method,
    headers: { ...(client.cookie ? { cookie: client.cookie } : {}), ...headers },
    body: body && new Uint8Array(body),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  const isJson = response.headers.get('content-type')?.startsWith('application/json');
  return {
    status: response.status,
    headers: response.headers,
    body: bytes,
    json: isJson ? JSON.parse(`${bytes}`) : {},
  };
}

const put = (client: ApiClient, bytes: Uint8Array, type = 'application/octet-stream', name = sha(bytes)) =>
  send(client, 'PUT', name, bytes, { 'content-type': type });
const get = (client: ApiClient, name: string) => send(client, 'GET', name);
const head = (client: ApiClient, name: string) => send(client, 'HEAD', name);

const blobFile = (userId: string, name: string) => path.join(dataDir, 'blobs', userId, name.slice(0, 2), name);
const unfinishedFiles = (userId: string) => {
  const dir = path.join(dataDir, 'blobs', userId, 'unfinished');
  return existsSync(dir) ? readdirSync(dir) : [];
};

/**
 * Starts an upload on a raw socket: the headers and the first `sent` bytes of `bytes`; the
 * rest is never sent. Resolves with the request (to break it off) once the server holds
 * `held` bytes of it (Upload-Offset), which it reports only after writing them.
 */
async function startUpload(client: ApiClient, bytes: Buffer, sent: number, held: number) {
  const url = new URL(`${server.url}/api/blobs/${sha(bytes)}`);
  const request = httpRequest(url, {
    method: 'PUT',
    headers: { cookie: client.cookie!, 'content-type': 'image/png', 'content-length': String(bytes.length) },
  });
  const ended = new Promise<string>((resolve) => {
    request.on('error', (error) => resolve(error.message));
    request.on('response', (response) => resolve(`answered ${response.statusCode}`));
  });
  request.write(bytes.subarray(0, sent));
  await eventually(
    async () => Number((await head(client, sha(bytes))).headers.get('upload-offset')) >= held,
    `the server holds ${held} bytes`,
  );
  return { request, ended };
}

/** Sends only the headers of a request: its answer must come without the body. */
function headersOnly(
  client: ApiClient,
  name: string,
  headers: Record<string, string>,
): Promise<{ status: number; error: { code: string; message: string } }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(new URL(`${server.url}/api/blobs/${name}`), {
      method: 'PUT',
      headers: { cookie: client.cookie!, ...headers },
    });
    request.on('response', async (response) => {
      const parts: Buffer[] = [];
      for await (const part of response) parts.push(part as Buffer);
      request.destroy();
      resolve({ status: response.statusCode ?? 0, error: JSON.parse(`${Buffer.concat(parts)}`).error });
    });
    request.on('error', reject);
    request.flushHeaders();
  });
}

describe('upload and download', () => {
  it('gives back the same bytes, decrypted as they stream, with caching headers', async () => {
    const { client, id } = await user();
    const bytes = png(Math.round(1.5 * MiB) + 17);
    const stored = await put(client, bytes, 'image/png');
    expect(stored.status).toBe(201);
    expect(stored.json).toEqual({ sha256: sha(bytes), size: bytes.length, type: 'image/png' });

    const got = await get(client, sha(bytes));
    expect(got.status).toBe(200);
    expect(Buffer.compare(got.body, bytes)).toBe(0);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('content-length')).toBe(String(bytes.length));
    expect(got.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(got.headers.get('content-disposition')).toBeNull();
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await send(client, 'GET', sha(bytes), undefined, { 'if-none-match': `"${sha(bytes)}"` })).status).toBe(304);

    // Sealed at rest: the file on disk does not contain the bytes.
    expect(readFileSync(blobFile(id, sha(bytes))).includes(bytes.subarray(100, 200))).toBe(false);
    expect(unfinishedFiles(id)).toEqual([]);
  });

  it('answers a second upload of the same file with 200, storing nothing again', async () => {
    const { client } = await user();
    const bytes = randomBytes(5000);
    expect((await put(client, bytes)).status).toBe(201);
    const again = await put(client, bytes);
    expect(again.status).toBe(200);
    expect(again.json.size).toBe(5000);
    const usage = await client.get<BlobUsageResponse>('/api/blobs/usage');
    expect(usage.body).toEqual({ usedBytes: 5000, quotaBytes: 3 * MiB, maxFileBytes: 2 * MiB });
  });

  it('offers other files as downloads, never shown in the page', async () => {
    const { client } = await user();
    for (const type of ['text/html', 'image/svg+xml', 'application/octet-stream']) {
      const bytes = Buffer.from(`<svg onload="alert(1)"> ${type} ${Math.random()}`);
      expect((await put(client, bytes, type)).status).toBe(201);
      const got = await get(client, sha(bytes));
      expect(got.headers.get('content-type')).toContain(type);
      expect(got.headers.get('content-disposition')).toBe('attachment');
    }
  });

  it('HEAD tells whether a file is stored, and its size', async () => {
    const { client } = await user();
    const bytes = randomBytes(300);
    const before = await head(client, sha(bytes));
    expect(before.status).toBe(404);
    expect(before.headers.get('upload-offset')).toBe('0');
    await put(client, bytes, 'text/plain');
    const after = await head(client, sha(bytes));
    expect(after.status).toBe(200);
    expect(after.headers.get('content-length')).toBe('300');
    expect(after.headers.get('content-type')).toBe('text/plain');
  });
});

describe('bad input', () => {
  it('keeps nothing when the bytes are not the file named', async () => {
    const { client, id } = await user();
    const bytes = randomBytes(3 * CHUNK + 5);
    const wrongName = sha(Buffer.from('another file'));
    const answer = await put(client, bytes, 'application/octet-stream', wrongName);
    expect(answer.status).toBe(400);
    expect(answer.json.error).toEqual({
      code: 'hash_mismatch',
      message:
        'The file that arrived is not the file named: its SHA-256 differs (changed or damaged on the way). Nothing was kept.',
    });
    expect((await get(client, wrongName)).status).toBe(404);
    expect((await head(client, wrongName)).headers.get('upload-offset')).toBe('0');
    expect(unfinishedFiles(id)).toEqual([]);
    expect(existsSync(blobFile(id, wrongName))).toBe(false);
    expect((await client.get<BlobUsageResponse>('/api/blobs/usage')).body.usedBytes).toBe(0);
  });

  it("answers 404 for another user's file, exactly as for one that does not exist", async () => {
    const owner = await user();
    const other = await user();
    const bytes = png(2000);
    await put(owner.client, bytes, 'image/png');
    const theirs = await get(other.client, sha(bytes));
    const nobodys = await get(other.client, sha(randomBytes(10)));
    expect(theirs.status).toBe(404);
    expect(theirs.json).toEqual(nobodys.json);
    expect((await head(other.client, sha(bytes))).status).toBe(404);
    // Their own upload of the same bytes is theirs, and reading it is not reading the owner's.
    expect((await put(other.client, bytes, 'image/png')).status).toBe(201);
    expect(existsSync(blobFile(other.id, sha(bytes)))).toBe(true);
    expect((await get(new ApiClient(server.url), sha(bytes))).status).toBe(401);
  });

  it('refuses a malformed name and an empty file', async () => {
    const { client } = await user();
    for (const name of ['abc', sha(Buffer.from('x')).toUpperCase(), `${sha(Buffer.from('x'))}0`]) {
      const answer = await put(client, Buffer.from('x'), 'text/plain', name);
      expect(answer.status).toBe(400);
      expect(answer.json.error?.message).toMatch(/SHA-256 of its bytes/);
      expect((await get(client, name)).status).toBe(400);
    }
    const empty = await put(client, Buffer.alloc(0));
    expect(empty.status).toBe(400);
    expect(empty.json.error?.message).toBe('This file is empty: there is nothing to store.');
  });

  it('refuses a file over the size limit from its headers, before any of it is sent', async () => {
    const { client } = await user();
    const answer = await headersOnly(client, sha(Buffer.from('big')), { 'content-length': String(2 * MiB + 1) });
    expect(answer.status).toBe(413);
    expect(answer.error).toEqual({
      code: 'payload_too_large',
      message: 'This file is 2 MiB; files can be at most 2 MiB on this server.',
    });
  });

  it('wants the size of an upload (no Content-Length: 411)', async () => {
    const { client } = await user();
    const answer = await headersOnly(client, sha(Buffer.from('chunked')), { 'transfer-encoding': 'chunked' });
    expect(answer.status).toBe(411);
    expect(answer.error.code).toBe('length_required');
  });

  it('refuses an upload that does not fit in the quota, and counts what is stored', async () => {
    const { client } = await user();
    const first = randomBytes(Math.round(1.9 * MiB));
    expect((await put(client, first)).status).toBe(201);
    const second = randomBytes(Math.round(1.2 * MiB));
    const refused = await put(client, second);
    expect(refused.status).toBe(413);
    expect(refused.json.error).toEqual({
      code: 'quota_exceeded',
      message:
        'Your space for files is full: 1.9 MiB of 3 MiB used. Delete chats with files you no longer need to make room.',
    });
    expect((await client.get<BlobUsageResponse>('/api/blobs/usage')).body.usedBytes).toBe(first.length);
    expect((await put(client, randomBytes(MiB))).status).toBe(201);
  });

  it('checks that an image or a PDF starts like one', async () => {
    const { client } = await user();
    const text = Buffer.from('just some text, not a picture');
    const refused = await put(client, text, 'image/png');
    expect(refused.status).toBe(415);
    expect(refused.json.error).toEqual({
      code: 'unsupported_media_type',
      message: 'This file is not a PNG file, though it says it is (image/png): its content does not start like one.',
    });
    expect((await put(client, png(100), 'image/jpeg')).status).toBe(415);
    expect((await put(client, text, 'application/pdf')).status).toBe(415);
    expect((await get(client, sha(text))).status).toBe(404);

    const samples: [string, Buffer][] = [
      ['image/png', png(3000)],
      ['image/jpeg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(500)])],
      ['image/gif', Buffer.concat([Buffer.from('GIF89a'), randomBytes(50)])],
      ['image/webp', Buffer.concat([Buffer.from('RIFF'), randomBytes(4), Buffer.from('WEBPVP8 '), randomBytes(50)])],
      ['image/heic', Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), randomBytes(50)])],
      ['application/pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(3 * CHUNK)])],
      ['text/plain', text],
    ];
    for (const [type, bytes] of samples) expect([type, (await put(client, bytes, type)).status]).toEqual([type, 201]);
  });

  it('keeps nothing when the disk fills while writing, and says so', async () => {
    const { client, id } = await user();
    disk.full = true;
    try {
      const answer = await put(client, randomBytes(3 * CHUNK));
      expect(answer.status).toBe(507);
      expect(answer.json.error).toEqual({
        code: 'insufficient_storage',
        message:
          "The server's disk is full, so the file was not stored. Try again later, or tell whoever runs this server.",
      });
    } finally {
      disk.full = false;
    }
    expect(unfinishedFiles(id)).toEqual([]);
    expect((await client.get<BlobUsageResponse>('/api/blobs/usage')).body.usedBytes).toBe(0);
    expect((await put(client, randomBytes(100))).status).toBe(201);
  });
});

describe('resuming an upload', () => {
  it('continues after a broken connection from where the server says, to the same file', async () => {
    const { client, id } = await user();
    const bytes = png(Math.round(1.3 * MiB));
    const upload = await startUpload(client, bytes, 5 * CHUNK + 1000, 5 * CHUNK);
    upload.request.destroy();
    expect(await upload.ended).not.toMatch(/answered/);

    // What it holds of the upload: the whole chunks written before the break.
    const offset = Number((await head(client, sha(bytes))).headers.get('upload-offset'));
    expect(offset).toBe(5 * CHUNK);
    expect((await get(client, sha(bytes))).status).toBe(404);

    const wrong = await send(client, 'PUT', sha(bytes), bytes.subarray(CHUNK), {
      'content-range': `bytes ${CHUNK}-${bytes.length - 1}/${bytes.length}`,
    });
    expect(wrong.status).toBe(409);
    expect(wrong.headers.get('upload-offset')).toBe(String(offset));

    const rest = await send(client, 'PUT', sha(bytes), bytes.subarray(offset), {
      'content-range': `bytes ${offset}-${bytes.length - 1}/${bytes.length}`,
    });
    expect(rest.status).toBe(201);
    expect(rest.json).toEqual({ sha256: sha(bytes), size: bytes.length, type: 'image/png' });
    expect(Buffer.compare((await get(client, sha(bytes))).body, bytes)).toBe(0);
    expect(unfinishedFiles(id)).toEqual([]);
  });

  it('is not blocked by the old connection still open: the newer upload takes over', async () => {
    const { client } = await user();
    const bytes = png(Math.round(1.1 * MiB));
    const stale = await startUpload(client, bytes, 3 * CHUNK + 10, 3 * CHUNK);
    const offset = 3 * CHUNK;
    const rest = await send(client, 'PUT', sha(bytes), bytes.subarray(offset), {
      'content-range': `bytes ${offset}-${bytes.length - 1}/${bytes.length}`,
    });
    expect(rest.status).toBe(201);
    expect(await stale.ended).not.toMatch(/answered 20/);
    expect(Buffer.compare((await get(client, sha(bytes))).body, bytes)).toBe(0);
  });

  it('refuses a range that does not run to the end of the file', async () => {
    const { client } = await user();
    const bytes = randomBytes(1000);
    const answer = await send(client, 'PUT', sha(bytes), bytes.subarray(0, 500), {
      'content-range': `bytes 0-499/1000`,
    });
    expect(answer.status).toBe(400);
    expect(answer.json.error?.message).toMatch(/Content-Range: bytes <offset>-<size - 1>\/<size>/);
  });
});

describe('garbage collection', () => {
  const attachment = (bytes: Buffer, name: string): Attachment => ({
    sha256: sha(bytes),
    name,
    type: 'application/octet-stream',
    size: bytes.length,
  });

  it('removes the files of a deleted chat that no other chat refers to', async () => {
    const { client, id } = await user();
    const shared = randomBytes(1000);
    const onlyInA = randomBytes(1000);
    const preview = randomBytes(100);
    const onlyInB = randomBytes(1000);
    const inBsDraft = randomBytes(1000);
    for (const bytes of [shared, onlyInA, preview, onlyInB, inBsDraft])
      expect((await put(client, bytes)).status).toBe(201);

    const index = new Y.Doc();
    const chatA = createThread(index, { now: 1 });
    const chatB = createThread(index, { now: 2 });
    const a = new Y.Doc();
    addMessage(a, {
      role: 'user',
      parentId: null,
      now: 1,
      attachments: [attachment(shared, 'both.bin'), { ...attachment(onlyInA, 'a.png'), thumbSha256: sha(preview) }],
    });
    const b = new Y.Doc();
    addMessage(b, { role: 'user', parentId: null, now: 2, attachments: [attachment(shared, 'both.bin')] });
    addMessage(b, { role: 'user', parentId: null, now: 3, attachments: [attachment(onlyInB, 'b.bin')] });
    addDraftAttachment(b, attachment(inBsDraft, 'draft.bin'));
    for (const [name, doc] of [
      [threadDocName(id, chatA), a],
      [threadDocName(id, chatB), b],
      [indexDocName(id), index],
    ] as const) {
      expect((await upload(client, name, Y.encodeStateAsUpdate(doc))).status).toBe(200);
    }

    const before = Y.encodeStateVector(index);
    deleteThread(index, chatA, 10);
    expect((await upload(client, indexDocName(id), Y.encodeStateAsUpdate(index, before))).status).toBe(200);

    await eventually(() => !existsSync(blobFile(id, sha(onlyInA))), 'the file only the deleted chat had is removed');
    await eventually(() => !existsSync(blobFile(id, sha(preview))), 'its preview is removed');
    for (const kept of [shared, onlyInB, inBsDraft]) {
      expect(existsSync(blobFile(id, sha(kept)))).toBe(true);
      expect((await get(client, sha(kept))).status).toBe(200);
    }
    expect((await get(client, sha(onlyInA))).status).toBe(404);
    expect((await client.get<BlobUsageResponse>('/api/blobs/usage')).body.usedBytes).toBe(3000);
  });

  it('sweeps files nothing refers to once they are older than the grace period', async () => {
    const { client, id } = await user();
    const referenced = randomBytes(500);
    const drafted = randomBytes(500);
    const orphan = randomBytes(500);
    const confirmed = randomBytes(500);
    for (const bytes of [referenced, drafted, orphan, confirmed]) await put(client, bytes);
    const unfinished = png(3 * CHUNK);
    const broken = await startUpload(client, unfinished, 2 * CHUNK, CHUNK);
    broken.request.destroy();
    await broken.ended;
    // Resuming from a wrong place waits for the broken upload to end on the server (it may not
    // have noticed the break yet), so its file is dated now, before the clock moves.
    const probe = await send(client, 'PUT', sha(unfinished), unfinished.subarray(1), {
      'content-range': `bytes 1-${unfinished.length - 1}/${unfinished.length}`,
    });
    expect(probe.status).toBe(409);

    const index = new Y.Doc();
    const chat = createThread(index, { now: 1 });
    const thread = new Y.Doc();
    addMessage(thread, { role: 'user', parentId: null, now: 1, attachments: [attachment(referenced, 'r.bin')] });
    addDraftAttachment(thread, attachment(drafted, 'not sent yet.bin'));
    await upload(client, threadDocName(id, chat), Y.encodeStateAsUpdate(thread));
    await upload(client, indexDocName(id), Y.encodeStateAsUpdate(index));

    await server.sweepBlobs();
    for (const kept of [referenced, drafted, orphan, confirmed]) expect(existsSync(blobFile(id, sha(kept)))).toBe(true);

    clock += BLOB_GRACE_MS + 60_000;
    // A device confirms it has a use for this one (about to send a message with it).
    expect((await head(client, sha(confirmed))).status).toBe(200);
    expect(unfinishedFiles(id)).toHaveLength(1);
    const report = await server.sweepBlobs();
    expect(report.blobsRemoved).toBeGreaterThanOrEqual(1);
    expect(existsSync(blobFile(id, sha(orphan)))).toBe(false);
    for (const kept of [referenced, drafted, confirmed]) expect(existsSync(blobFile(id, sha(kept)))).toBe(true);
    expect(unfinishedFiles(id)).toEqual([]);
  });

  it('removes every file of a deleted account', async () => {
    const { client, id, password } = await user();
    for (let i = 0; i < 3; i++) await put(client, randomBytes(CHUNK + i));
    expect(existsSync(path.join(dataDir, 'blobs', id))).toBe(true);
    expect((await client.delete('/api/account', { password })).status).toBe(200);
    await eventually(() => !existsSync(path.join(dataDir, 'blobs', id)), "the account's files are removed");
  });
});
