// Command-line flags of `npm run bench:sync`: every size is adjustable; the defaults keep
// the whole run under about five minutes on two cores.
import { parseArgs } from 'node:util';
import type { CatchUpOptions } from './catch-up';
import type { DurableOptions } from './durable-writes';
import type { FanOutOptions } from './fan-out';
import type { MemoryOptions } from './memory';
import { DEFAULT_THREAD } from './thread-fixtures';

export const BENCHMARKS = ['fanout', 'durable', 'memory', 'catchup'] as const;
export type Benchmark = (typeof BENCHMARKS)[number];

const FLAGS = {
  only: { default: BENCHMARKS.join(','), help: 'benchmarks to run, comma-separated' },
  out: { default: 'bench/results', help: 'directory for the JSON results' },
  connect: { default: '50', help: 'WebSocket handshakes in flight while setting up load' },
  clients: { default: '1000', help: 'fan-out: connected clients' },
  docs: { default: '300', help: 'fan-out: docs the clients are spread over' },
  rate: { default: '200', help: 'fan-out: updates per second, all writers together' },
  warmup: { default: '5', help: 'fan-out: seconds of load before measuring' },
  seconds: { default: '20', help: 'fan-out: seconds measured' },
  'text-bytes': { default: '32', help: 'characters appended by each update' },
  'durable-docs': { default: '20', help: 'durable: docs written' },
  'durable-writers': { default: '3', help: 'durable: writer sockets per doc' },
  'durable-rate': { default: '180', help: 'durable: updates/s per writer (Hearth allows 200)' },
  'durable-window': { default: '16', help: 'durable: updates a writer may have uncommitted' },
  'durable-seconds': { default: '10', help: 'durable: seconds measured (after 2 s of warm-up)' },
  'large-doc-bytes': { default: '1500000', help: 'durable: size of the large doc for the 1-doc A/B (0 skips it)' },
  'memory-docs': { default: '2000', help: 'memory: docs loaded per round' },
  'memory-sockets': { default: '2000', help: 'memory: idle sockets per round' },
  'memory-rounds': { default: '3', help: 'memory: rounds (fresh server each); the median is reported' },
  'catchup-threads': { default: '1000', help: 'catch-up: threads to fetch' },
  'catchup-messages': { default: String(DEFAULT_THREAD.messages), help: 'catch-up and memory: messages per thread' },
  'naive-concurrency': { default: '32', help: 'catch-up: WebsocketProviders open at once, the naive way' },
} as const;

type Flag = keyof typeof FLAGS;

export interface SyncBenchOptions {
  only: Benchmark[];
  out: string;
  fanOut: FanOutOptions;
  durable: DurableOptions;
  largeDocBytes: number;
  memory: MemoryOptions & { rounds: number };
  catchUp: CatchUpOptions;
}

export function usage(): string {
  const lines = Object.entries(FLAGS).map(([name, f]) => `  --${name.padEnd(18)} ${f.help} (default ${f.default})`);
  return `Usage: npm run bench:sync -- [flags]\n${lines.join('\n')}`;
}

export function parseOptions(argv: string[]): SyncBenchOptions | 'help' {
  const parsed = parseArgs({
    args: argv,
    options: {
      help: { type: 'boolean' },
      ...Object.fromEntries(Object.entries(FLAGS).map(([name, f]) => [name, { type: 'string', default: f.default }])),
    },
  });
  // parseArgs cannot type options built from FLAGS; every flag is a string with a default.
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) return 'help';
  const text = (flag: Flag) => String(values[flag]);
  const num = (flag: Flag) => {
    const value = Number(values[flag]);
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${flag} must be a number ≥ 0, got ${values[flag]}`);
    return value;
  };
  const only = text('only').split(',').filter(Boolean);
  for (const name of only) {
    if (!(BENCHMARKS as readonly string[]).includes(name)) throw new Error(`--only: no benchmark "${name}"`);
  }
  const connectConcurrency = num('connect');
  const textBytes = num('text-bytes');
  const thread = { ...DEFAULT_THREAD, messages: num('catchup-messages') };
  return {
    only: only as Benchmark[],
    out: text('out'),
    fanOut: {
      clients: num('clients'),
      docs: num('docs'),
      rate: num('rate'),
      warmupSeconds: num('warmup'),
      seconds: num('seconds'),
      textBytes,
      connectConcurrency,
    },
    durable: {
      docs: num('durable-docs'),
      writersPerDoc: num('durable-writers'),
      perWriterRate: num('durable-rate'),
      window: num('durable-window'),
      warmupSeconds: 2,
      seconds: num('durable-seconds'),
      textBytes,
      connectConcurrency,
    },
    largeDocBytes: num('large-doc-bytes'),
    memory: {
      docs: num('memory-docs'),
      sockets: num('memory-sockets'),
      socketDocs: 100,
      thread,
      connectConcurrency,
      rounds: num('memory-rounds'),
    },
    catchUp: {
      threads: num('catchup-threads'),
      warmupThreads: 100,
      thread,
      naiveConcurrency: num('naive-concurrency'),
    },
  };
}
