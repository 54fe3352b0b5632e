// Benchmark 2, durable updates per second (Hearth): writers on several docs send as fast as
// the per-connection limit allows (paced under it, a bounded window in flight each). Hearth
// broadcasts only after the commit ([S1]), so an update counts as durable when an observer
// socket on its doc receives it; the rows the server inserted are counted as a cross-check.
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { usageBetween } from './proc-stats';
import { connectAll, type RawSyncClient, type Target } from './raw-client';
import type { ServerProcess } from './servers';
import { type LatencySummary, summarize } from './stats';
import { randomClientId, TextAppender, updateKey } from './text-updates';

export interface DurableOptions {
  docs: number;
  writersPerDoc: number;
  /** Updates per second per writer; Hearth allows 200 per connection. */
  perWriterRate: number;
  /** Most updates a writer has sent but not yet seen committed. */
  window: number;
  warmupSeconds: number;
  seconds: number;
  textBytes: number;
  connectConcurrency: number;
}

export interface DurableResult {
  docs: number;
  writers: number;
  offeredPerSecond: number;
  /** Updates seen committed (broadcast to the observer) per second. */
  durablePerSecond: number;
  /** Rows inserted into doc_updates per second (sqlite_sequence), the cross-check. */
  rowsPerSecond: number;
  /** Send → the observer has it. */
  commitLatency: LatencySummary;
  serverCpuPercent: number;
  /** Bytes the server wrote to storage per durable update. */
  diskBytesPerUpdate: number;
  loadGeneratorCpuPercent: number;
}

interface Writer {
  client: RawSyncClient;
  appender: TextAppender;
  sent: number;
  acked: number;
}

const TICK_MS = 5;

export async function runDurableWrites(
  target: Target,
  server: ServerProcess,
  docNames: readonly string[],
  o: DurableOptions,
): Promise<DurableResult> {
  const observers = await connectAll(target, docNames, o.connectConcurrency);
  const writerDocs = docNames.flatMap((name) => Array.from({ length: o.writersPerDoc }, () => name));
  const writers: Writer[] = (await connectAll(target, writerDocs, o.connectConcurrency)).map((client) => ({
    client,
    appender: new TextAppender(randomClientId()),
    sent: 0,
    acked: 0,
  }));
  const rows = new Database(path.join(server.dataDir, 'hearth.db'), { readonly: true })
    .prepare<[], number>("SELECT seq FROM sqlite_sequence WHERE name = 'doc_updates'")
    .pluck();
  const rowCount = () => rows.get() ?? 0;

  const text = 'x'.repeat(o.textBytes);
  const inFlight = new Map<string, { writer: Writer; sentAt: number }>();
  const latencies: number[] = [];
  let measuring = false;
  let durable = 0;
  for (const observer of observers) {
    observer.onUpdate = (update) => {
      const key = updateKey(update);
      const entry = inFlight.get(key);
      if (!entry) return;
      inFlight.delete(key);
      entry.writer.acked++;
      if (!measuring) return;
      durable++;
      latencies.push(performance.now() - entry.sentAt);
    };
  }

  const started = performance.now();
  const ticker = setInterval(() => {
    const allowed = Math.floor(((performance.now() - started) / 1000) * o.perWriterRate);
    for (const w of writers) {
      while (w.sent < allowed && w.sent - w.acked < o.window) {
        const update = w.appender.next(text);
        inFlight.set(updateKey(update), { writer: w, sentAt: performance.now() });
        w.client.sendUpdate(update);
        w.sent++;
      }
    }
  }, TICK_MS);

  await sleep(o.warmupSeconds * 1000);
  const serverBefore = server.sample();
  const loadBefore = process.cpuUsage();
  const rowsBefore = rowCount();
  measuring = true;
  await sleep(o.seconds * 1000);
  measuring = false;
  const serverAfter = server.sample();
  const rowsAfter = rowCount();
  const loadCpu = process.cpuUsage(loadBefore);
  clearInterval(ticker);
  const usage = usageBetween(serverBefore, serverAfter);
  await sleep(500);
  for (const client of [...observers, ...writers.map((w) => w.client)]) client.close();
  await sleep(200);

  return {
    docs: docNames.length,
    writers: writers.length,
    offeredPerSecond: writers.length * o.perWriterRate,
    durablePerSecond: durable / usage.seconds,
    rowsPerSecond: (rowsAfter - rowsBefore) / usage.seconds,
    commitLatency: summarize(latencies),
    serverCpuPercent: usage.cpuPercent,
    diskBytesPerUpdate: durable > 0 ? usage.writeBytes / durable : Number.NaN,
    loadGeneratorCpuPercent: (loadCpu.user + loadCpu.system) / 10_000 / usage.seconds,
  };
}
