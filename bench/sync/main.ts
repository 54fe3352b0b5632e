// `npm run bench:sync`: runs the sync benchmarks (fan-out against Hocuspocus, durable
// updates, memory, cold catch-up), prints a summary table and writes the JSON result to
// bench/results/. Flags: `npm run bench:sync -- --help`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { parseOptions, usage } from './options';
import { formatTable, type SyncBenchResult } from './report';
import { catchUpSuite, durableSuite, fanOutSuite, memorySuite } from './suites';
import { checkTextAppender } from './text-updates';

function gitCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'server', 'shared'], { encoding: 'utf8' }).trim();
    return dirty ? `${head}+changes` : head;
  } catch {
    return 'unknown';
  }
}

const options = parseOptions(process.argv.slice(2));
if (options === 'help') {
  console.log(usage());
  process.exit(0);
}
checkTextAppender();

const started = performance.now();
const result: SyncBenchResult = {
  startedAt: new Date().toISOString(),
  seconds: 0,
  node: process.versions.node,
  cpus: availableParallelism(),
  loadAverage: { start: loadavg()[0]!, end: 0 },
  commit: gitCommit(),
  options,
};
mkdirSync(options.out, { recursive: true });
const file = path.join(options.out, `sync-${result.startedAt.replace(/[:.]/g, '-')}.json`);
/** Written after every benchmark, so a failure later keeps what was measured. */
const save = () => {
  result.seconds = (performance.now() - started) / 1000;
  result.loadAverage.end = loadavg()[0]!;
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
};
const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
  const at = performance.now();
  process.stdout.write(`${name}… `);
  const value = await run();
  console.log(`${((performance.now() - at) / 1000).toFixed(0)} s`);
  return value;
};

if (options.only.includes('fanout')) result.fanOut = await step('fan-out', () => fanOutSuite(options));
save();
if (options.only.includes('durable')) result.durable = await step('durable updates', () => durableSuite(options));
save();
if (options.only.includes('memory')) result.memory = await step('memory', () => memorySuite(options));
save();
if (options.only.includes('catchup')) result.catchUp = await step('catch-up', () => catchUpSuite(options));
save();
console.log(`\n${formatTable(result, `Hearth sync benchmarks, ${result.startedAt} (${result.seconds.toFixed(0)} s)`)}`);
console.log(`\nJSON: ${file}`);
