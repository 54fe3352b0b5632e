// (3) Load: N concurrent replies (one per thread, one person, one device with every thread
// open), each streamed by the fake at a fixed token pace. Measures, over the steady window
// (every request has reached the fake, none has finished yet), the server's CPU from
// /proc/<pid>/stat, tokens emitted by the fake and delivered to devices per second, per-token
// delay under load; and how many replies completed in full.
import { readFileSync } from 'node:fs';
import { createThreads, numberedReply, openThread, send, signUp, type Watch, watchReply } from './devices';
import { cpuMs, sleep, type TappedFake, until } from './stack';
import { type Dist, dist } from './stats';

export interface LoadResult {
  streams: number;
  tokensPerStream: number;
  tokenDelayMs: number;
  windowSeconds: number;
  serverCpuPercent: number;
  benchCpuPercent: number;
  emittedTokensPerSecond: number;
  deliveredTokensPerSecond: number;
  tokenDelayMsDist: Dist;
  completed: number;
  failed: number;
  wallSeconds: number;
  serverRssMb: number;
}

interface CpuSample {
  at: number;
  server: number;
  bench: number;
}

/** Cumulative value at `at`, linearly interpolated between samples. */
function valueAt(samples: CpuSample[], at: number, key: 'server' | 'bench'): number {
  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1]!;
    const b = samples[i]!;
    if (b.at >= at) return a[key] + ((b[key] - a[key]) * (at - a.at)) / Math.max(1e-9, b.at - a.at);
  }
  return samples.at(-1)![key];
}

export async function load(
  tapped: TappedFake,
  baseUrl: string,
  pid: number,
  streams: number,
  tokens: number,
  tokenDelayMs: number,
): Promise<LoadResult> {
  const user = await signUp(baseUrl, 1);
  const device = user.devices[0]!;
  const { ids, index } = await createThreads(device, user.userId, streams);
  const threads = [];
  for (let i = 0; i < ids.length; i += 10) {
    threads.push(...(await Promise.all(ids.slice(i, i + 10).map((id) => openThread(device, user.userId, id)))));
  }
  await sleep(500);
  tapped.fake.defaults = { tokenDelayMs, reply: numberedReply(tokens) };

  const benchCpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const samples: CpuSample[] = [];
  const sample = () => samples.push({ at: performance.now(), server: cpuMs(pid), bench: benchCpu() });
  sample();
  const sampler = setInterval(sample, 200);

  const started = performance.now();
  const watches: Watch[] = [];
  const markers: string[] = [];
  for (const [i, thread] of threads.entries()) {
    const marker = `[load-${i}]`;
    markers.push(marker);
    const { replyId } = send(thread.doc, `Stream under load ${marker}`, null);
    watches.push(watchReply(thread.doc, replyId, tokens));
    await sleep(10); // a 1 s ramp: people do not all press send in the same millisecond
  }
  const budget = 30_000 + tokens * tokenDelayMs * 3;
  try {
    await until(() => watches.every((w) => w.done), 'every load reply to end', budget);
  } catch {
    // reported below as failed
  }
  const ended = performance.now();
  sample();
  clearInterval(sampler);

  const taps = markers.map((m) => tapped.find(m));
  const arrived = taps.filter((t) => t !== undefined);
  const from = Math.max(...arrived.map((t) => t.at));
  const to = Math.min(...arrived.map((t) => t.writes[tokens] ?? Number.POSITIVE_INFINITY));
  const seconds = (to - from) / 1000;
  const cpuIn = (key: 'server' | 'bench') => (valueAt(samples, to, key) - valueAt(samples, from, key)) / 10 / seconds;

  let emitted = 0;
  let delivered = 0;
  const delays: number[] = [];
  for (const [i, watch] of watches.entries()) {
    const tap = taps[i];
    if (!tap) continue;
    for (let k = 1; k <= tokens; k++) {
      const at = tap.writes[k];
      if (at !== undefined && at >= from && at <= to) emitted++;
    }
    for (const [k, at] of watch.arrivals.entries()) {
      if (at >= from && at <= to) delivered++;
      const w = tap.writes[k + 1];
      if (w !== undefined) delays.push(at - w);
    }
  }
  const completed = watches.filter((w) => w.status === 'done' && w.arrivals.length === tokens).length;
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  for (const w of watches) w.stop();
  for (const t of threads) t.provider.destroy();
  index.provider.destroy();
  return {
    streams,
    tokensPerStream: tokens,
    tokenDelayMs,
    windowSeconds: seconds,
    serverCpuPercent: cpuIn('server'),
    benchCpuPercent: cpuIn('bench'),
    emittedTokensPerSecond: emitted / seconds,
    deliveredTokensPerSecond: delivered / seconds,
    tokenDelayMsDist: dist(delays),
    completed,
    failed: streams - completed,
    wallSeconds: (ended - started) / 1000,
    serverRssMb: Number(rss?.[1]) / 1024,
  };
}
