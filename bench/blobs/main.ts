// `npm run bench:blobs`: the server's blob store on loopback, with encryption, Hearth run as
// `npm start` runs it (a child process). (1) Upload and download throughput of a 20 MiB file
// (aim: 50 MiB/s or more each way). (2) Server memory while 10 such uploads run at once: peak
// RSS sampled from /proc every 20 ms, and heap (used + external, after a forced GC taken
// when half of the bytes are on disk), each above the idle server's after GC (aim: under 64 MiB, flat).
// (3) In Chromium, the previews made when attaching, through the app's built workers: a
// 12-megapixel JPEG to a 512 px WebP (aim: under 150 ms, off the main thread) and a PDF's
// page count, first page and text (thumbnails.ts; needs `npx vite build` first).
// Each figure is the median of 3 runs (`RUNS=5` for more; 7 for the previews). Results go to bench/results/.
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { signUp } from '../sync/account';
import { type MemoryAfterGc, startHearth } from '../sync/servers';
import { median } from '../sync/stats';
import { thumbnailTimes } from './thumbnails';
import { downloadFile, randomFile, uploadFile } from './transfer';

const MiB = 1024 * 1024;
const FILE_BYTES = 20 * MiB;
const CONCURRENT = 10;
const RUNS = Number(process.env.RUNS ?? 3);
const SAMPLE_EVERY_MS = 20;
const THUMBNAIL_RUNS = Math.max(7, RUNS);

const perSecond = (ms: number) => FILE_BYTES / MiB / (ms / 1000);

interface Throughput {
  uploadMiBps: number[];
  downloadMiBps: number[];
  /** The server's CPU time (user + system) per transfer: what the figures cost, load aside. */
  uploadCpuMs: number[];
  downloadCpuMs: number[];
}

/** Throughput: one server, a warm-up transfer, then RUNS uploads and downloads of new files. */
async function throughput(): Promise<Throughput> {
  const server = await startHearth();
  try {
    const user = await signUp(server.url);
    const warmUp = randomFile(FILE_BYTES);
    await uploadFile(server.url, user, warmUp);
    await downloadFile(server.url, user, warmUp);
    const result: Throughput = { uploadMiBps: [], downloadMiBps: [], uploadCpuMs: [], downloadCpuMs: [] };
    for (let run = 0; run < RUNS; run++) {
      const file = randomFile(FILE_BYTES);
      const before = server.sample();
      result.uploadMiBps.push(perSecond(await uploadFile(server.url, user, file)));
      const between = server.sample();
      result.downloadMiBps.push(perSecond(await downloadFile(server.url, user, file)));
      const after = server.sample();
      result.uploadCpuMs.push(between.cpuMs - before.cpuMs);
      result.downloadCpuMs.push(after.cpuMs - between.cpuMs);
    }
    return result;
  } finally {
    await server.stop();
  }
}

interface MemoryRun {
  idleRssMiB: number;
  peakRssAboveIdleMiB: number;
  heapAboveIdleMiB: number;
  /** After the uploads, after GC: what stays (a leak would show here). */
  afterRssAboveIdleMiB: number;
  seconds: number;
}

const heapOf = (m: MemoryAfterGc) => m.heapUsed + m.external;

/** Bytes in the files of `dir` (0 while it does not exist). */
function heldBytes(dir: string): number {
  let total = 0;
  for (const name of existsSync(dir) ? readdirSync(dir) : [])
    total += statSync(path.join(dir, name), { throwIfNoEntry: false })?.size ?? 0;
  return total;
}

/** One run on a fresh server: CONCURRENT uploads of new 20 MiB files at once. */
async function memoryRun(): Promise<MemoryRun> {
  const server = await startHearth();
  try {
    const user = await signUp(server.url);
    const files = Array.from({ length: CONCURRENT }, () => randomFile(FILE_BYTES));
    const idle = await server.memoryAfterGc();
    let peakRss = server.sample().rssBytes;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, server.sample().rssBytes);
    }, SAMPLE_EVERY_MS);
    const started = performance.now();
    const uploads = Promise.all(files.map((file) => uploadFile(server.url, user, file)));
    // Halfway through: when the unfinished uploads on disk hold half of the bytes.
    const unfinished = path.join(server.dataDir, 'blobs', user.id, 'unfinished');
    while (heldBytes(unfinished) < (CONCURRENT * FILE_BYTES) / 2) await sleep(SAMPLE_EVERY_MS);
    const during = await server.memoryAfterGc();
    await uploads;
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const after = await server.memoryAfterGc();
    return {
      idleRssMiB: idle.rss / MiB,
      peakRssAboveIdleMiB: (peakRss - idle.rss) / MiB,
      heapAboveIdleMiB: (heapOf(during) - heapOf(idle)) / MiB,
      afterRssAboveIdleMiB: (after.rss - idle.rss) / MiB,
      seconds,
    };
  } finally {
    await server.stop();
  }
}

const startedAt = new Date().toISOString();
const loadAtStart = loadavg()[0]!;
process.stdout.write(`throughput (${RUNS} runs of a 20 MiB file)… `);
const speed = await throughput();
console.log('done');
const memory: MemoryRun[] = [];
for (let run = 0; run < RUNS; run++) {
  process.stdout.write(`memory run ${run + 1} of ${RUNS} (${CONCURRENT} uploads at once)… `);
  memory.push(await memoryRun());
  console.log('done');
}
process.stdout.write(`previews in Chromium (${THUMBNAIL_RUNS} runs each)… `);
const thumbnails = await thumbnailTimes(THUMBNAIL_RUNS);
console.log('done');

const med = (pick: (run: MemoryRun) => number) => median(memory.map(pick));
const summary = {
  uploadMiBps: median(speed.uploadMiBps),
  downloadMiBps: median(speed.downloadMiBps),
  uploadCpuMs: median(speed.uploadCpuMs),
  downloadCpuMs: median(speed.downloadCpuMs),
  peakRssAboveIdleMiB: med((r) => r.peakRssAboveIdleMiB),
  heapAboveIdleMiB: med((r) => r.heapAboveIdleMiB),
  afterRssAboveIdleMiB: med((r) => r.afterRssAboveIdleMiB),
  idleRssMiB: med((r) => r.idleRssMiB),
  concurrentSeconds: med((r) => r.seconds),
  jpegThumbnailMs: median(thumbnails.jpegMs),
  pdfPreviewMs: median(thumbnails.pdfMs),
};
const result = {
  startedAt,
  node: process.versions.node,
  cpus: availableParallelism(),
  loadAverage: { start: loadAtStart, end: loadavg()[0]! },
  runs: RUNS,
  summary,
  throughput: speed,
  memory,
  thumbnails,
};
const dir = path.resolve(import.meta.dirname, '../results');
mkdirSync(dir, { recursive: true });
const file = path.join(dir, `blobs-${startedAt.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);

const f = (value: number) => value.toFixed(1);
console.log(`
Hearth blob store, median of ${RUNS} runs (load average ${f(loadAtStart)} → ${f(result.loadAverage.end)}, ${result.cpus} cores)
  upload, 20 MiB file               ${f(summary.uploadMiBps)} MiB/s   (aim ≥ 50)   runs: ${speed.uploadMiBps.map(f).join(', ')}
  download, 20 MiB file             ${f(summary.downloadMiBps)} MiB/s   (aim ≥ 50)   runs: ${speed.downloadMiBps.map(f).join(', ')}
  server CPU per upload / download  ${summary.uploadCpuMs.toFixed(0)} / ${summary.downloadCpuMs.toFixed(0)} ms   (on an idle core: ${f(perSecond(summary.uploadCpuMs))} / ${f(perSecond(summary.downloadCpuMs))} MiB/s)
  ${CONCURRENT} uploads at once (${f(summary.concurrentSeconds)} s):
    peak RSS above idle             ${f(summary.peakRssAboveIdleMiB)} MiB   (aim < 64; idle ${f(summary.idleRssMiB)} MiB)
    heap + external above idle      ${f(summary.heapAboveIdleMiB)} MiB   (after GC, mid-upload)
    RSS above idle afterwards       ${f(summary.afterRssAboveIdleMiB)} MiB   (after GC)
  previews in Chromium, in the app's workers (median of ${THUMBNAIL_RUNS} warm runs; cold: the first, loading the worker):
    12 MP JPEG (${f(thumbnails.jpegBytes / MiB)} MiB) to 512 px WebP  ${summary.jpegThumbnailMs.toFixed(0)} ms   (aim < 150; cold ${thumbnails.jpegColdMs.toFixed(0)})   runs: ${thumbnails.jpegMs.map((ms) => ms.toFixed(0)).join(', ')}
    PDF, 3 pages: count, page 1, text  ${summary.pdfPreviewMs.toFixed(0)} ms   (cold, loading pdf.js: ${thumbnails.pdfColdMs.toFixed(0)})   runs: ${thumbnails.pdfMs.map((ms) => ms.toFixed(0)).join(', ')}
Written to ${path.relative(process.cwd(), file)}`);
