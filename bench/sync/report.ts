// The summary table printed at the end of a run (or over several runs' medians), and the
// JSON result it is made from.
import type { CatchUpResult } from './catch-up';
import type { SyncBenchOptions } from './options';
import type { DurableSuite, FanOutSuite, MemorySuite } from './suites';

export interface SyncBenchResult {
  startedAt: string;
  seconds: number;
  node: string;
  cpus: number;
  /** 1-minute load average of the machine at the start and end (other work skews figures). */
  loadAverage: { start: number; end: number };
  commit: string;
  options: SyncBenchOptions;
  fanOut?: FanOutSuite;
  durable?: DurableSuite;
  memory?: MemorySuite;
  catchUp?: CatchUpResult;
}

type Row = [label: string, hearth: string, other?: string, ratio?: string];

const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
const perSecond = (value: number) => `${Math.round(value).toLocaleString('en')}/s`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const times = (value: number) => `${value.toFixed(2)}×`;
const pct = (value: number) => `${value.toFixed(0)} %`;
const s = (value: number) => `${value.toFixed(2)} s`;

function fanOutRows(f: FanOutSuite, o: SyncBenchOptions): Row[] {
  const { clients, docs, rate } = o.fanOut;
  const { hearth: h, hocuspocus: p, ratios: r } = f;
  return [
    [`Fan-out, ${clients} clients / ${docs} docs / ${rate} updates/s`, 'Hearth', 'Hocuspocus', 'Hearth ÷ Hocuspocus'],
    ['  all other clients of the doc have it, p50', ms(h.complete.p50), ms(p.complete.p50), times(r.p50)],
    ['  all other clients of the doc have it, p99', ms(h.complete.p99), ms(p.complete.p99), times(r.p99)],
    ['  each delivery, p50', ms(h.delivery.p50), ms(p.delivery.p50), times(r.deliveryP50)],
    ['  each delivery, p99', ms(h.delivery.p99), ms(p.delivery.p99), times(r.deliveryP99)],
    [
      '  updates measured / never completed / sockets lost',
      `${h.sent} / ${h.incomplete} / ${h.disconnected}`,
      `${p.sent} / ${p.incomplete} / ${p.disconnected}`,
    ],
    ['  server CPU (one core = 100 %)', pct(h.serverCpuPercent), pct(p.serverCpuPercent), times(r.serverCpu)],
    [
      '  server RSS with all clients connected',
      `${h.serverRssMiB.toFixed(0)} MiB`,
      `${p.serverRssMiB.toFixed(0)} MiB`,
      times(r.serverRss),
    ],
    [
      '  load generator CPU / event-loop lag p99',
      `${pct(h.loadGeneratorCpuPercent)} / ${ms(h.loadGeneratorLagP99Ms)}`,
      `${pct(p.loadGeneratorCpuPercent)} / ${ms(p.loadGeneratorLagP99Ms)}`,
    ],
    [
      '  (Hearth commits to SQLite, synchronous=FULL, before broadcasting; Hocuspocus broadcasts first, stores 2–10 s later)',
      '',
    ],
  ];
}

function durableRows(d: DurableSuite, o: SyncBenchOptions): Row[] {
  const line = (label: string, r: typeof d.many): Row[] => [
    [label, `${perSecond(r.durablePerSecond)} (offered ${perSecond(r.offeredPerSecond)})`],
    ['    commit+broadcast latency p50 / p99', `${ms(r.commitLatency.p50)} / ${ms(r.commitLatency.p99)}`],
    ['    server CPU, disk written per update', `${pct(r.serverCpuPercent)}, ${kib(r.diskBytesPerUpdate)}`],
  ];
  const rows: Row[] = [
    ['Durable updates (Hearth; counted when broadcast, which follows the commit)', ''],
    ...line(`  ${d.many.docs} docs × ${o.durable.writersPerDoc} writers`, d.many),
    [`    rows inserted per second (cross-check)`, perSecond(d.many.rowsPerSecond)],
  ];
  if (d.smallDoc) rows.push(...line('  1 doc × 4 writers, small doc', d.smallDoc));
  if (d.largeDoc) rows.push(...line(`  1 doc × 4 writers, doc of ${kib(d.largeDoc.docBytes)}`, d.largeDoc));
  return rows;
}

function memoryRows(m: MemorySuite, o: SyncBenchOptions): Row[] {
  const x = m.median;
  return [
    [`Server memory after GC (Hearth), median of ${m.rounds.length} rounds`, ''],
    [
      `  per loaded doc (${o.memory.docs} threads of ${o.memory.thread.messages} messages, ${kib(x.docBytes)} encoded)`,
      `${kib(x.perDocRss)} RSS, ${kib(x.perDocHeap)} heap`,
    ],
    [`  per idle connection (${o.memory.sockets} sockets)`, `${kib(x.perSocketRss)} RSS, ${kib(x.perSocketHeap)} heap`],
  ];
}

function catchUpRows(c: CatchUpResult, o: SyncBenchOptions): Row[] {
  return [
    [
      `Cold catch-up, ${c.threads} threads × ${o.catchUp.thread.messages} messages (${(c.totalDocBytes / 2 ** 20).toFixed(1)} MiB of docs)`,
      '',
    ],
    [
      '  /api/sync batches',
      `${s(c.batch.seconds)} (${c.batch.roundTrips} requests, server CPU ${s(c.batch.serverCpuMs / 1000)})`,
    ],
    [
      `  naive: a WebsocketProvider per doc, ${c.naive.concurrency} at a time`,
      `${s(c.naive.seconds)} (server CPU ${s(c.naive.serverCpuMs / 1000)})`,
    ],
    ['  naive ÷ batch', times(c.naive.seconds / c.batch.seconds)],
  ];
}

export function formatTable(result: SyncBenchResult, title: string): string {
  const o = result.options;
  const rows: Row[] = [
    ...(result.fanOut ? fanOutRows(result.fanOut, o) : []),
    ...(result.durable ? durableRows(result.durable, o) : []),
    ...(result.memory ? memoryRows(result.memory, o) : []),
    ...(result.catchUp ? catchUpRows(result.catchUp, o) : []),
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.filter((r) => r[1] !== '').map((r) => (r[i] ?? '').length)));
  const lines = rows.map((r) =>
    r[1] === ''
      ? r[0]
      : [r[0].padEnd(widths[0]!), (r[1] ?? '').padEnd(widths[1]!), (r[2] ?? '').padEnd(widths[2]!), r[3] ?? '']
          .join('  ')
          .trimEnd(),
  );
  const env = `Node ${result.node}, ${result.cpus} CPUs, load average ${result.loadAverage.start.toFixed(1)} → ${result.loadAverage.end.toFixed(1)}, commit ${result.commit}`;
  return [title, env, '', ...lines].join('\n');
}
