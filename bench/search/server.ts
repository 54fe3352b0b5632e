// `npm run bench:search` (server part): search on the server at scale. One user holds
// --user-messages of --messages in all (the rest spread over other users). Hearth's own
// search code runs in this process against a fresh data directory (hearth.db written as the
// server writes it); the fake provider runs as its own process, so the CPU this process
// spends is Hearth's work alone. Measured, per run:
//  - indexing by words: every message of every user, from the sealed docs to FTS5;
//  - indexing by meaning: the user's messages embedded through the fake provider into
//    sqlite-vec (512 numbers each, OpenAI text-embedding-3-small's size in Hearth);
//  - how long the event loop waited while either ran (sync and replies would wait as long),
//    beside the same with nothing running (the machine's own noise); and, while words are
//    indexed, a device's update stored and acknowledged every 20 ms (what a sync message
//    waits on, [S1]), beside the same with nothing running; and how long the main thread
//    itself was busy while words were indexed (the rest is the worker's, or waiting). CPU is the whole process's, the
//    indexer's worker thread included;
//  - queries: hybrid (words and meaning fused; the query's vector already cached, so the
//    provider's time is left out), words alone, the vector lookup alone, and hybrid with a
//    fresh query vector (the local fake provider's round trip included);
//  - bytes of index per message.
// Each figure is the median of --runs runs. `--messages 20000 --user-messages 5000` is quick.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance as nodePerformance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import type { AiConfig } from '../../server/config';
import { DataKeys } from '../../server/crypto/data-keys';
import { openDatabase } from '../../server/db/open';
import { HearthEvents } from '../../server/events';
import { createLogger } from '../../server/log/logger';
import { embedTexts } from '../../server/search/embedding-target';
import { candidates, ServerSearch } from '../../server/search/server-search';
import { spaceOf } from '../../server/search/vector-store';
import { loadMasterKey } from '../../server/secret';
import { DocRegistry } from '../../server/sync/doc-registry';
import { DocStore } from '../../server/sync/doc-store';
import { resolveSyncLimits } from '../../server/sync/limits';
import { DEFAULT_EMBEDDING_MODEL } from '../../shared/ai/embedding-models';
import { newId } from '../../shared/docs/ids';
import { indexDocName } from '../../shared/docs/names';
import { median, quantile } from '../sync/stats';
import { query, random, vocabulary } from './corpus';
import { seedUser, startFakeProcess } from './fixture';

// Not strict: main.ts hands the device part's flags to this part too.
const { values: flags } = parseArgs({
  strict: false,
  options: {
    messages: { type: 'string', default: '1000000' },
    'user-messages': { type: 'string', default: '100000' },
    'other-users': { type: 'string', default: '90' },
    'per-thread': { type: 'string', default: '20' },
    queries: { type: 'string', default: '200' },
    runs: { type: 'string', default: '3' },
    out: { type: 'string', default: 'bench/results' },
  },
});
const flag = (name: keyof typeof flags) => Number(flags[name]);
const options = {
  messages: flag('messages'),
  userMessages: flag('user-messages'),
  otherUsers: flag('other-users'),
  perThread: flag('per-thread'),
  queries: flag('queries'),
  runs: flag('runs'),
};
const out = String(flags.out);
const LIMIT = 20;
/** Recall of the quantized scan: its 10 nearest against the exact 10 nearest (a full scan), over this many queries. */
const RECALL_K = 10;
const RECALL_QUERIES = 50;
const blobOf = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
const quiet = createLogger({ write: () => {} });

type Row = Record<string, number>;

const ms = (from: number) => performance.now() - from;
const cpuSeconds = (from: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1e6;
};
const dist = (values: number[]) => ({ p50: quantile(values, 0.5), p95: quantile(values, 0.95) });
const PROBE_EVERY_MS = 20;

/**
 * Stores a small update to the user's index doc every PROBE_EVERY_MS until `done` settles,
 * and returns how long each took to be acknowledged (committed): a sync message's wait.
 */
async function probeSync(store: DocStore, userId: string, done: Promise<unknown>): Promise<number[]> {
  let finished = false;
  void done.finally(() => {
    finished = true;
  });
  const times: number[] = [];
  const name = indexDocName(userId);
  for (let i = 0; !finished; i++) {
    const doc = new Y.Doc();
    doc.getMap('probe').set('n', i);
    const t = performance.now();
    await store.append(userId, name, Y.encodeStateAsUpdate(doc));
    times.push(ms(t));
    doc.destroy();
    await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS));
  }
  return times;
}

async function oneRun(run: number): Promise<Row> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hearth-bench-search-'));
  const fake = await startFakeProcess();
  const db = openDatabase(dataDir);
  const keys = new DataKeys(db, loadMasterKey(dataDir, 'a-fixed-secret-for-the-search-benchmark', quiet));
  const store = new DocStore(db, keys, quiet);
  const docs = new DocRegistry(store, resolveSyncLimits({}), quiet);
  const ai: AiConfig = {
    shared: { apiKey: 'fake', baseURL: fake.url },
    timeoutMs: 60_000,
    maxPerUser: 3,
    maxTotal: 32,
    allowPrivateEndpoints: false,
    ollamaURL: 'http://127.0.0.1:11434',
    fileWaitMs: 900_000,
  };
  const next = random(1234);
  const words = vocabulary(20_000, next);
  const target = newId();
  try {
    let started = performance.now();
    process.stderr.write(`run ${run + 1}: seeding ${options.messages} messages…`);
    await seedUser(db, store, target, options.userMessages, options.perThread, words, next);
    const others = Math.max(1, options.otherUsers);
    const rest = options.messages - options.userMessages;
    for (let u = 0; u < others; u++) {
      const count = Math.floor(rest / others) + (u < rest % others ? 1 : 0);
      await seedUser(db, store, newId(), count, options.perThread, words, next);
    }
    process.stderr.write(` ${(ms(started) / 1000).toFixed(0)} s; indexing by words…`);

    const search = new ServerSearch({ dataDir, db, keys, ai, docs, log: quiet, events: new HearthEvents() });
    // The machine's own noise first: how long the event loop waits with nothing to do.
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const idleSync = await probeSync(store, target, new Promise((resolve) => setTimeout(resolve, 3000)));
    const idleLoop = { max: loop.max / 1e6, p99: loop.percentile(99) / 1e6 };
    loop.reset();
    started = performance.now();
    let cpu = process.cpuUsage();
    const busy = nodePerformance.eventLoopUtilization();
    search.indexer.start();
    const indexed = search.indexer.whenIdle();
    const textSync = await probeSync(store, target, indexed);
    await indexed;
    const textMs = ms(started);
    const textCpu = cpuSeconds(cpu);
    const textBusy = nodePerformance.eventLoopUtilization(busy);
    const textLoop = { max: loop.max / 1e6, p99: loop.percentile(99) / 1e6 };
    loop.reset();

    process.stderr.write(` ${(textMs / 1000).toFixed(0)} s; by meaning…`);
    search.settings.put(target, { meaning: true, model: DEFAULT_EMBEDDING_MODEL });
    started = performance.now();
    cpu = process.cpuUsage();
    search.embedder.start();
    const resolved = search.targets.resolve(target, DEFAULT_EMBEDDING_MODEL);
    if (!resolved.ok) throw new Error(resolved.reason);
    const { spaceKey } = resolved.value;
    for (;;) {
      const progress = search.file.rows.progress(target, spaceKey);
      if (progress.indexed === progress.total) break;
      const failure = search.embedder.failureOf(target);
      if (failure) throw new Error(failure);
      // Counting progress reads every row of the user: not too often, it is this process's CPU too.
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const meaningMs = ms(started);
    const meaningCpu = cpuSeconds(cpu);
    const meaningLoop = { max: loop.max / 1e6, p99: loop.percentile(99) / 1e6 };
    loop.disable();

    process.stderr.write(` ${(meaningMs / 1000).toFixed(0)} s; ${options.queries} queries…`);
    const queries = Array.from({ length: options.queries }, () => query(words, next));
    const cold: number[] = [];
    const hybrid: number[] = [];
    const text: number[] = [];
    const knn: number[] = [];
    const recall: number[] = [];
    const exactNearest = search.file.db
      .prepare<[string, Buffer], number>(
        `SELECT chunk_id FROM vectors_512 WHERE space = ? ORDER BY vec_distance_cosine(full, ?) LIMIT ${RECALL_K}`,
      )
      .pluck();
    let found = 0;
    let byMeaning = 0;
    for (const q of queries) {
      let t = performance.now();
      await search.search(target, q, LIMIT);
      cold.push(ms(t));
      t = performance.now();
      const answer = await search.search(target, q, LIMIT);
      hybrid.push(ms(t));
      found += answer.results.length;
      byMeaning += answer.results.filter((r) => r.matchedBy.includes('meaning')).length;
      t = performance.now();
      search.file.text.find(target, q, candidates(LIMIT));
      text.push(ms(t));
      const [vector] = await embedTexts(resolved.value, [q], 60_000);
      t = performance.now();
      const near = search.file.vectors.nearest(spaceOf(target, spaceKey), vector!, LIMIT);
      knn.push(ms(t));
      if (recall.length < RECALL_QUERIES) {
        const exact = exactNearest.all(spaceOf(target, spaceKey), blobOf(vector!));
        const got = new Set(near.slice(0, RECALL_K).map((c) => c.chunkId));
        recall.push(exact.filter((id) => got.has(id)).length / Math.max(1, exact.length));
      }
    }

    const file = search.file.db;
    file.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = (pattern: string) =>
      file
        .prepare<[string], number>('SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name GLOB ?')
        .pluck()
        .get(pattern) ?? 0;
    const vectorBytes = bytes('vectors_*') + bytes('chunks') + bytes('chunks_message');
    const fileBytes = statSync(path.join(dataDir, 'search.db')).size;
    const embedded = search.file.rows.progress(target, spaceKey).indexed;
    search.close();
    process.stderr.write(' done\n');
    return {
      messages: options.messages,
      userMessages: options.userMessages,
      embedded,
      textIndexSeconds: textMs / 1000,
      textMessagesPerSecond: options.messages / (textMs / 1000),
      textMessagesPerCpuSecond: options.messages / textCpu,
      idleLoopDelayP99Ms: idleLoop.p99,
      idleLoopDelayMaxMs: idleLoop.max,
      textLoopDelayP99Ms: textLoop.p99,
      textLoopDelayMaxMs: textLoop.max,
      textMainThreadBusySeconds: textBusy.active / 1000,
      textMainThreadBusyShare: textBusy.utilization,
      idleSyncWriteP50Ms: quantile(idleSync, 0.5),
      idleSyncWriteP99Ms: quantile(idleSync, 0.99),
      textSyncWriteP50Ms: quantile(textSync, 0.5),
      textSyncWriteP99Ms: quantile(textSync, 0.99),
      textSyncWriteMaxMs: Math.max(...textSync),
      meaningIndexSeconds: meaningMs / 1000,
      meaningMessagesPerSecond: embedded / (meaningMs / 1000),
      meaningMessagesPerCpuSecond: embedded / meaningCpu,
      meaningLoopDelayP99Ms: meaningLoop.p99,
      meaningLoopDelayMaxMs: meaningLoop.max,
      hybridP50Ms: dist(hybrid).p50,
      hybridP95Ms: dist(hybrid).p95,
      textP50Ms: dist(text).p50,
      textP95Ms: dist(text).p95,
      knnP50Ms: dist(knn).p50,
      knnP95Ms: dist(knn).p95,
      knnRecallAt10: recall.reduce((a, b) => a + b, 0) / Math.max(1, recall.length),
      coldHybridP50Ms: dist(cold).p50,
      coldHybridP95Ms: dist(cold).p95,
      resultsPerQuery: found / queries.length,
      meaningResultsPerQuery: byMeaning / queries.length,
      fileBytes,
      bytesPerMessage: fileBytes / options.messages,
      textBytesPerMessage: (fileBytes - vectorBytes) / options.messages,
      vectorBytesPerEmbeddedMessage: vectorBytes / Math.max(1, embedded),
    };
  } finally {
    docs.closeAll();
    db.close();
    await fake.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const runs: Row[] = [];
const load = loadavg()[0]!;
for (let run = 0; run < options.runs; run++) runs.push(await oneRun(run));
const summary = Object.fromEntries(Object.keys(runs[0]!).map((key) => [key, median(runs.map((r) => r[key]!))]));
const result = {
  when: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model, loadAverageAtStart: load },
  options,
  summary,
  runs,
};
mkdirSync(out, { recursive: true });
const file = path.join(out, `search-server-${result.when.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);

const round = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(n < 10 ? 2 : 0));
console.log(
  `\nSearch on the server, median of ${runs.length} run(s) (load average ${load.toFixed(1)} on ${cpus().length} CPUs)`,
);
for (const [key, value] of Object.entries(summary)) console.log(`  ${key.padEnd(32)} ${round(value)}`);
console.log(`Results: ${file}`);
