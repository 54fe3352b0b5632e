// Benchmark 4, cold catch-up (Hearth): a fresh device fetches the index doc and then every
// thread doc, either through /api/sync (batches, following `answered`) or the naive way, one
// stock WebsocketProvider per doc waiting for its 'sync' event, `naiveConcurrency` at a time.
// The server is restarted before each way, so no doc is in its memory at the start; a
// smaller catch-up of another user first warms the code paths (JIT) of both processes.
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { listThreads } from '../../shared/docs/index-doc';
import { indexDocName, threadDocName } from '../../shared/docs/names';
import { listMessages } from '../../shared/docs/thread-doc';
import { ApiClient } from '../../tests/support/api-client';
import { connectDoc } from '../../tests/support/sync-device';
import { type BenchUser, signUp } from './account';
import { mapLimit } from './map-limit';
import { usageBetween } from './proc-stats';
import { type ServerProcess, startHearth } from './servers';
import { type BatchStats, fetchDocs, uploadDocs } from './sync-api';
import { fromBase64, indexUpdate, type ThreadShape, threadUpdate } from './thread-fixtures';

export interface CatchUpOptions {
  threads: number;
  /** Threads of the warm-up user, fetched the same way before each measured catch-up. */
  warmupThreads: number;
  thread: ThreadShape;
  naiveConcurrency: number;
}

export interface CatchUpWay {
  seconds: number;
  serverCpuMs: number;
  /** HTTP requests (batch) or sockets (naive). */
  roundTrips: number;
}

export interface CatchUpResult {
  threads: number;
  totalDocBytes: number;
  batch: CatchUpWay & { responseBytes: number };
  naive: CatchUpWay & { concurrency: number };
}

interface Device {
  index: Y.Doc;
  threads: Map<string, Y.Doc>;
}

/** Frees the device's docs (and the awareness timers the providers hung on them). */
function destroy(device: Device): void {
  device.index.destroy();
  for (const doc of device.threads.values()) doc.destroy();
}

/** Checks that the device holds every thread with all its messages. */
function assertComplete(device: Device, o: CatchUpOptions): void {
  assert.equal(listThreads(device.index).length, o.threads);
  assert.equal(device.threads.size, o.threads);
  for (const doc of device.threads.values()) assert.equal(listMessages(doc).length, o.thread.messages);
}

async function catchUpByBatch(call: { url: string; cookie: string }, userId: string, stats: BatchStats) {
  const device: Device = { index: new Y.Doc(), threads: new Map() };
  await fetchDocs(call, [indexDocName(userId)], (_, update) => Y.applyUpdate(device.index, fromBase64(update)), stats);
  const names = listThreads(device.index).map((t) => threadDocName(userId, t.id));
  await fetchDocs(
    call,
    names,
    (name, update) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, fromBase64(update));
      device.threads.set(name, doc);
    },
    stats,
  );
  return device;
}

async function catchUpNaively(api: ApiClient, userId: string, concurrency: number) {
  const index = await connectDoc(api, indexDocName(userId));
  index.provider.destroy();
  const device: Device = { index: index.doc, threads: new Map() };
  const names = listThreads(device.index).map((t) => threadDocName(userId, t.id));
  await mapLimit(names, concurrency, async (name) => {
    const { doc, provider } = await connectDoc(api, name);
    provider.destroy();
    device.threads.set(name, doc);
  });
  return device;
}

async function timed<T>(server: ServerProcess, run: () => Promise<T>) {
  const before = server.sample();
  const value = await run();
  const usage = usageBetween(before, server.sample());
  return { value, seconds: usage.seconds, serverCpuMs: usage.cpuMs };
}

interface Seeded {
  user: BenchUser;
  shape: CatchUpOptions;
}

/** Stores an index and `o.threads` thread docs for a new user. */
async function seed(server: ServerProcess, o: CatchUpOptions): Promise<Seeded & { totalDocBytes: number }> {
  const user = await signUp(server.url);
  const { update: index, threadIds } = indexUpdate(o.threads);
  const docs = threadIds.map((id, i) => ({ name: threadDocName(user.id, id), update: threadUpdate(o.thread, i) }));
  await uploadDocs({ url: server.url, cookie: user.cookie }, [{ name: indexDocName(user.id), update: index }, ...docs]);
  const totalDocBytes = index.byteLength + docs.reduce((sum, d) => sum + d.update.byteLength, 0);
  return { user, shape: o, totalDocBytes };
}

/** On a freshly started server: warm up on `warm`, then time `way` on `measured`. */
async function measureWay<T extends Device>(dataDir: string, warm: Seeded, measured: Seeded, way: Way<T>) {
  const server = await startHearth(dataDir);
  try {
    destroy(await way(server, warm.user));
    const result = await timed(server, () => way(server, measured.user));
    assertComplete(result.value, measured.shape);
    destroy(result.value);
    return result;
  } finally {
    await server.stop();
  }
}

type Way<T extends Device> = (server: ServerProcess, user: BenchUser) => Promise<T>;

export async function runCatchUp(o: CatchUpOptions): Promise<CatchUpResult> {
  const seeding = await startHearth();
  const measured = await seed(seeding, o);
  const warm = await seed(seeding, { ...o, threads: o.warmupThreads });
  await seeding.stop();

  let stats: BatchStats = { requests: 0, responseBytes: 0 };
  const batch = await measureWay(seeding.dataDir, warm, measured, (server, user) => {
    stats = { requests: 0, responseBytes: 0 };
    return catchUpByBatch({ url: server.url, cookie: user.cookie }, user.id, stats);
  });
  // Each WebsocketProvider adds a process 'exit' listener while it lives.
  process.setMaxListeners(o.naiveConcurrency + 20);
  const naive = await measureWay(seeding.dataDir, warm, measured, (server, user) => {
    const api = new ApiClient(server.url);
    api.cookie = user.cookie;
    return catchUpNaively(api, user.id, o.naiveConcurrency);
  });

  return {
    threads: o.threads,
    totalDocBytes: measured.totalDocBytes,
    batch: { seconds: batch.seconds, serverCpuMs: batch.serverCpuMs, roundTrips: stats.requests, ...stats },
    naive: {
      seconds: naive.seconds,
      serverCpuMs: naive.serverCpuMs,
      roundTrips: o.threads + 1,
      concurrency: o.naiveConcurrency,
    },
  };
}
