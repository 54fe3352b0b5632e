// The client's upload queue (client/attachments/upload-queue.ts) against the real server and
// a device database (fake-indexeddb): nothing goes while offline and the queue survives; it
// uploads when online; it resumes a broken upload from the server's Upload-Offset; a file
// the server refuses stops with its message; a failure to connect is retried later.
import 'fake-indexeddb/auto';
import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { httpBlobTransport } from '../../client/attachments/blob-transport';
import { type UploadProgress, UploadQueue } from '../../client/attachments/upload-queue';
import { HearthDB } from '../../client/db/hearth-db';
import { blobPath } from '../../shared/api/blobs';
import { ApiClient } from '../support/api-client';
import { type Hearth, startHearth } from '../support/hearth';
import { eventually } from '../support/sync-device';

const CHUNK = 64 * 1024;
let hearth: Hearth;

beforeAll(async () => {
  hearth = await startHearth();
});

afterAll(async () => {
  await hearth?.stop();
});

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A device of a new user: its database, a queue over the real server, and a switch for the network. */
async function device() {
  const client = new ApiClient(hearth.url);
  const user = await client.signup();
  const db = new HearthDB(`upload-queue-${crypto.randomUUID()}`);
  const network = { online: true };
  const transport = httpBlobTransport(hearth.url, { cookie: client.cookie! });
  const queue = new UploadQueue(db, user.id, transport, () => network.online);
  const progress: UploadProgress[] = [];
  const remember = (sha256: string) => () => {
    const now = queue.getProgress(sha256);
    if (now) progress.push(now);
  };
  const store = async (bytes: Uint8Array, type: string) => {
    const sha256 = sha(bytes);
    await db.blobs.put({ userId: user.id, sha256, blob: new Blob([new Uint8Array(bytes)], { type }) });
    queue.subscribe(remember(sha256));
    return sha256;
  };
  const serverHas = async (sha256: string) => (await client.request('HEAD', blobPath(sha256))).status === 200;
  return { client, user, db, network, queue, progress, store, serverHas };
}

test('offline, an upload waits in the database; online, it goes', async () => {
  const phone = await device();
  phone.network.online = false;
  const bytes = randomBytes(3 * CHUNK);
  const sha256 = await phone.store(bytes, 'text/plain');
  await phone.queue.enqueue(sha256);
  expect((await phone.queue.pending()).map((row) => row.sha256)).toEqual([sha256]);
  expect(await phone.serverHas(sha256)).toBe(false);

  // A reload: a new queue over the same database finds the upload and sends it.
  phone.queue.stop();
  const reloaded = new UploadQueue(
    phone.db,
    phone.user.id,
    httpBlobTransport(hearth.url, { cookie: phone.client.cookie! }),
    () => true,
  );
  reloaded.kick();
  await eventually(async () => (await reloaded.pending()).length === 0, 'the queue to empty');
  expect(await phone.serverHas(sha256)).toBe(true);
  reloaded.stop();
});

test('a broken upload resumes from where the server says, not from the start', async () => {
  const phone = await device();
  const bytes = randomBytes(8 * CHUNK);
  const sha256 = await phone.store(bytes, 'application/octet-stream');

  // An upload from this device broke off after three whole chunks.
  const broken = httpRequest(new URL(hearth.url + blobPath(sha256)), {
    method: 'PUT',
    headers: { cookie: phone.client.cookie!, 'content-length': String(bytes.length) },
  });
  const ended = new Promise((resolve) => broken.on('error', resolve).on('response', resolve));
  broken.write(bytes.subarray(0, 3 * CHUNK + 100));
  const offset = async () =>
    Number((await phone.client.request('HEAD', blobPath(sha256))).headers.get('upload-offset'));
  await eventually(async () => (await offset()) >= 3 * CHUNK, 'the server to hold three chunks');
  broken.destroy();
  await ended;

  await phone.queue.enqueue(sha256);
  await eventually(async () => (await phone.queue.pending()).length === 0, 'the queue to empty');
  expect(phone.progress[0]).toMatchObject({ sha256, sent: 3 * CHUNK, total: bytes.length, done: false });
  expect(phone.progress.at(-1)).toMatchObject({ sha256, sent: bytes.length, done: true });
  const download = await fetch(hearth.url + blobPath(sha256), { headers: { cookie: phone.client.cookie! } });
  expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
  phone.queue.stop();
});

test('a file the server refuses stops with its message and is not retried', async () => {
  const phone = await device();
  const sha256 = await phone.store(new TextEncoder().encode('not a png at all'), 'image/png');
  await phone.queue.enqueue(sha256);
  await eventually(async () => (await phone.queue.pending()).every((row) => row.stopped), 'the upload to stop');
  const [row] = await phone.queue.pending();
  expect(row).toMatchObject({ sha256, attempts: 1, stopped: true });
  expect(row!.error).toBeTruthy();
  expect(phone.queue.getProgress(sha256)).toMatchObject({ stopped: true, error: row!.error });
  phone.queue.stop();
});

test('when the server cannot be reached, the upload is kept and tried again later', async () => {
  const phone = await device();
  const sha256 = await phone.store(randomBytes(100), 'application/octet-stream');
  const unreachable = httpBlobTransport('http://127.0.0.1:9', { cookie: phone.client.cookie! });
  const queue = new UploadQueue(
    phone.db,
    phone.user.id,
    unreachable,
    () => true,
    () => 1_000_000,
  );
  await queue.enqueue(sha256);
  await eventually(async () => (await queue.pending())[0]?.attempts === 1, 'a failed attempt');
  const [row] = await queue.pending();
  expect(row).toMatchObject({ sha256, attempts: 1, retryAt: 1_000_000 + 2_000, error: 'No connection to the server.' });
  expect(row!.stopped).toBeUndefined();
  queue.stop();
});
