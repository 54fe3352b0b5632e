// `npx tsx bench/sync/median.ts bench/results/sync-*.json`: the summary table of several
// runs, each figure the median of that figure over the runs (ratios too: the median of the
// per-run ratios).
import { readFileSync } from 'node:fs';
import { formatTable, type SyncBenchResult } from './report';
import { median } from './stats';

/** The same shape as the inputs, each number replaced by the median over them. */
function medianOf(values: unknown[]): unknown {
  const first = values[0];
  if (typeof first === 'number') return median(values as number[]);
  if (Array.isArray(first) || typeof first !== 'object' || first === null) return first;
  return Object.fromEntries(
    Object.keys(first).map((key) => [key, medianOf(values.map((v) => (v as Record<string, unknown>)[key]))]),
  );
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('Usage: npx tsx bench/sync/median.ts <result.json>…');
  process.exit(1);
}
const results = files.map((file) => JSON.parse(readFileSync(file, 'utf8')) as SyncBenchResult);
const combined = medianOf(results) as SyncBenchResult;
console.log(formatTable(combined, `Hearth sync benchmarks, median of ${files.length} runs (${files.join(', ')})`));
