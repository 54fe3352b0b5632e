// `npm run bench:ai`: what Hearth adds to AI replies. Three parts, each run against a fresh
// server (and fresh fake provider), repeated BENCH_AI_RUNS times (default 3); the summary
// shows the median of the runs. See bench/ai/README.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fanOut } from './fan-out';
import { type FirstTokenSample, firstToken } from './first-token';
import { load } from './load';
import { startServer, startTappedFake } from './stack';
import { dist, median, round } from './stats';

const num = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
const options = {
  runs: num('BENCH_AI_RUNS', 3),
  samples: num('BENCH_AI_SAMPLES', 60),
  warmup: num('BENCH_AI_WARMUP', 5),
  fanOutReplies: num('BENCH_AI_FANOUT_REPLIES', 4),
  fanOutTokens: num('BENCH_AI_FANOUT_TOKENS', 100),
  fanOutTokenDelayMs: num('BENCH_AI_FANOUT_DELAY_MS', 20),
  streams: num('BENCH_AI_STREAMS', 100),
  tokensPerSecond: num('BENCH_AI_TOKENS_PER_SECOND', 50),
  streamSeconds: num('BENCH_AI_STREAM_SECONDS', 10),
};

type Row = Record<string, number>;

// Each y-websocket provider adds a process 'exit' listener; the load test opens one per stream.
process.setMaxListeners(options.streams + 50);

const pick = (samples: FirstTokenSample[], key: keyof FirstTokenSample) => samples.map((s) => s[key]);

async function oneRun(run: number): Promise<{ summary: Row; raw: unknown }> {
  const load1 = loadavg()[0]!;
  const tapped = await startTappedFake();
  const server = await startServer(tapped.fake.url);
  try {
    process.stderr.write(`run ${run + 1}: first-token…`);
    const ft = await firstToken(tapped, server.url, options.samples, options.warmup);
    tapped.taps.length = 0;
    process.stderr.write(' fan-out…');
    const fo = await fanOut(
      tapped,
      server.url,
      options.fanOutReplies,
      options.fanOutTokens,
      options.fanOutTokenDelayMs,
    );
    tapped.taps.length = 0;
    process.stderr.write(' load…');
    const tokenDelayMs = Math.round(1000 / options.tokensPerSecond);
    const ld = await load(
      tapped,
      server.url,
      server.pid,
      options.streams,
      options.tokensPerSecond * options.streamSeconds,
      tokenDelayMs,
    );
    process.stderr.write(' done\n');

    const d = dist(pick(ft.direct, 'total'));
    const h = dist(pick(ft.hearth, 'total'));
    const fanAll = dist(fo.perDevice.flat());
    const summary: Row = {
      loadavg1m: load1,
      'ft.direct.p50': d.p50,
      'ft.direct.p95': d.p95,
      'ft.hearth.p50': h.p50,
      'ft.hearth.p95': h.p95,
      'ft.added.p50': h.p50 - d.p50,
      'ft.added.p95': h.p95 - d.p95,
      'ft.ratio.p50': h.p50 / d.p50,
      'ft.hearth.toProvider.p50': median(pick(ft.hearth, 'toProvider')),
      'ft.direct.toProvider.p50': median(pick(ft.direct, 'toProvider')),
      'ft.hearth.fromProvider.p50': median(pick(ft.hearth, 'fromProvider')),
      'ft.direct.fromProvider.p50': median(pick(ft.direct, 'fromProvider')),
      'ft.inProvider.p50': median(pick(ft.hearth, 'inProvider')),
      'fan.p50': fanAll.p50,
      'fan.p99': fanAll.p99,
      'fan.max': fanAll.max,
      'fan.worstDevice.p99': Math.max(...fo.perDevice.map((v) => dist(v).p99)),
      'load.serverCpuPercent': ld.serverCpuPercent,
      'load.benchCpuPercent': ld.benchCpuPercent,
      'load.emittedTokensPerSecond': ld.emittedTokensPerSecond,
      'load.deliveredTokensPerSecond': ld.deliveredTokensPerSecond,
      'load.tokenDelay.p50': ld.tokenDelayMsDist.p50,
      'load.tokenDelay.p99': ld.tokenDelayMsDist.p99,
      'load.completed': ld.completed,
      'load.failed': ld.failed,
      'load.windowSeconds': ld.windowSeconds,
      'load.wallSeconds': ld.wallSeconds,
      'load.serverRssMb': ld.serverRssMb,
    };
    const raw = {
      firstToken: { direct: dist(pick(ft.direct, 'total')), hearth: dist(pick(ft.hearth, 'total')), samples: ft },
      fanOut: { all: fanAll, perDevice: fo.perDevice.map(dist), replies: fo.replies, tokens: fo.tokens },
      load: ld,
    };
    return { summary, raw };
  } finally {
    await server.stop();
    await tapped.fake.close();
  }
}

const runs: { summary: Row; raw: unknown }[] = [];
for (let run = 0; run < options.runs; run++) runs.push(await oneRun(run));
const keys = Object.keys(runs[0]!.summary);
const medians: Row = Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r.summary[k]!))]));

const line = (label: string, value: string) => console.log(`  ${label.padEnd(58)} ${value}`);
const ms = (k: string) => `${round(medians[k]!, 2)} ms`;
const perRun = (k: string) => runs.map((r) => round(r.summary[k]!, 2)).join(' / ');
console.log(
  `\nHearth AI bench — median of ${options.runs} runs (per-run values in brackets); ${cpus().length} cores, ` +
    `load avg at start ${perRun('loadavg1m')}; data dir ${process.env.BENCH_AI_DATA_PARENT || tmpdir()}`,
);
console.log(`\nFirst token (${options.samples} requests per run, fake latency 0 ms, alternating direct/Hearth)`);
line('direct to fake (openai SDK) p50 / p95', `${ms('ft.direct.p50')} / ${ms('ft.direct.p95')}`);
line('through Hearth (device write → device sees token) p50 / p95', `${ms('ft.hearth.p50')} / ${ms('ft.hearth.p95')}`);
line('added by Hearth p50  (target ≤ 5 ms at p95)', `${ms('ft.added.p50')}  [${perRun('ft.added.p50')}]`);
line('added by Hearth p95', `${ms('ft.added.p95')}  [${perRun('ft.added.p95')}]`);
line('ratio Hearth / direct p50', `${round(medians['ft.ratio.p50']!, 2)}×`);
line(
  '  before the fake sees the request: Hearth / direct p50',
  `${ms('ft.hearth.toProvider.p50')} / ${ms('ft.direct.toProvider.p50')}`,
);
line('  fake request → first token written p50', ms('ft.inProvider.p50'));
line(
  '  fake wrote token → device/client has it: Hearth / direct p50',
  `${ms('ft.hearth.fromProvider.p50')} / ${ms('ft.direct.fromProvider.p50')}`,
);
console.log(
  `\nFan-out (${options.fanOutReplies} replies × ${options.fanOutTokens} tokens at ${options.fanOutTokenDelayMs} ms, 3 devices; fake writes token → device has it)`,
);
line(
  'p50 / p99 / max, all devices',
  `${ms('fan.p50')} / ${ms('fan.p99')} / ${ms('fan.max')}  [p99 ${perRun('fan.p99')}]`,
);
line('worst device p99', ms('fan.worstDevice.p99'));
console.log(
  `\nLoad (${options.streams} concurrent streams × ${options.tokensPerSecond} tok/s nominal × ${options.streamSeconds} s, steady window)`,
);
line(
  'server CPU (% of one core)',
  `${round(medians['load.serverCpuPercent']!, 1)} %  [${perRun('load.serverCpuPercent')}]`,
);
line('bench process CPU (fake + 100 devices; % of one core)', `${round(medians['load.benchCpuPercent']!, 1)} %`);
line(
  'tokens/s emitted by fake / delivered to devices',
  `${round(medians['load.emittedTokensPerSecond']!, 0)} / ${round(medians['load.deliveredTokensPerSecond']!, 0)}  (nominal ${options.streams * options.tokensPerSecond})`,
);
line('per-token delay under load p50 / p99', `${ms('load.tokenDelay.p50')} / ${ms('load.tokenDelay.p99')}`);
line(
  'streams completed in full / failed',
  `${medians['load.completed']} / ${medians['load.failed']}  [${perRun('load.completed')}]`,
);
line(
  'steady window / whole run',
  `${round(medians['load.windowSeconds']!, 1)} s / ${round(medians['load.wallSeconds']!, 1)} s`,
);
line('server RSS after', `${round(medians['load.serverRssMb']!, 0)} MB`);

const dir = path.resolve(import.meta.dirname, '../results');
mkdirSync(dir, { recursive: true });
const file = path.join(dir, `ai-${new Date().toISOString().replaceAll(':', '-').replace('.', '-')}.json`);
writeFileSync(
  file,
  JSON.stringify(
    { options, dataParent: process.env.BENCH_AI_DATA_PARENT || tmpdir(), cores: cpus().length, medians, runs },
    null,
    2,
  ),
);
console.log(`\nWrote ${path.relative(process.cwd(), file)}`);
const failed = runs.some((r) => (r.summary['load.failed'] ?? 0) > 0);
process.exit(failed ? 1 : 0);
