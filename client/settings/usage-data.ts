// Shapes /api/usage rows for the usage chart and table: every day of the range (empty days
// included), the top models with the rest folded into "Other", and totals per model.
import type { UsageResponse, UsageRow } from '../../shared/api/usage';

/** Models beyond this many share one "Other" colour in the chart. */
export const MAX_SERIES = 5;
export const OTHER = 'other';

export interface DayUsage {
  day: string;
  total: number;
  /** Tokens per series, in the order of `UsageChartData.series`. */
  parts: number[];
}

export interface UsageChartData {
  /** Model ids by total tokens, most first; `OTHER` last when models were folded. */
  series: string[];
  days: DayUsage[];
  max: number;
}

export interface ModelTotals {
  model: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  total: number;
}

const tokens = (row: Pick<UsageRow, 'inputTokens' | 'outputTokens'>) => row.inputTokens + row.outputTokens;

/** Each day from `from` to `to` (YYYY-MM-DD, UTC, inclusive). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= end && days.length < 400; at += 86_400_000) {
    days.push(new Date(at).toISOString().slice(0, 10));
  }
  return days;
}

export function totalsByModel(rows: readonly UsageRow[]): ModelTotals[] {
  const byModel = new Map<string, ModelTotals>();
  for (const row of rows) {
    const entry = byModel.get(row.model) ?? {
      model: row.model,
      requests: 0,
      inputTokens: 0,
      outputTokens: 0,
      total: 0,
    };
    entry.requests += row.requests;
    entry.inputTokens += row.inputTokens;
    entry.outputTokens += row.outputTokens;
    entry.total += tokens(row);
    byModel.set(row.model, entry);
  }
  return [...byModel.values()].sort((a, b) => b.total - a.total || a.model.localeCompare(b.model));
}

export function chartData(usage: UsageResponse): UsageChartData {
  const ranked = totalsByModel(usage.rows).map((t) => t.model);
  const folded = ranked.length > MAX_SERIES;
  const series = folded ? [...ranked.slice(0, MAX_SERIES - 1), OTHER] : ranked;
  const seriesOf = (model: string) => {
    const index = series.indexOf(model);
    return index === -1 ? series.length - 1 : index;
  };
  const byDay = new Map<string, number[]>();
  for (const row of usage.rows) {
    const parts = byDay.get(row.day) ?? series.map(() => 0);
    parts[seriesOf(row.model)] = (parts[seriesOf(row.model)] ?? 0) + tokens(row);
    byDay.set(row.day, parts);
  }
  const days = daysBetween(usage.from, usage.to).map((day) => {
    const parts = byDay.get(day) ?? series.map(() => 0);
    return { day, parts, total: parts.reduce((sum, n) => sum + n, 0) };
  });
  return { series, days, max: Math.max(0, ...days.map((d) => d.total)) };
}

/** A round axis maximum at or above `max`, with `count` even steps: 0, 2.5K, 5K… */
export function axisTicks(max: number, count = 4): number[] {
  if (max <= 0) return [0, 1];
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= rough) ?? 10) * power;
  return Array.from({ length: Math.ceil(max / step) + 1 }, (_, i) => i * step);
}

const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
const full = new Intl.NumberFormat();

/** "12.3K" for axis labels and narrow cells. */
export const compactNumber = (n: number) => compact.format(n);
/** "12,345" where there is room. */
export const fullNumber = (n: number) => full.format(n);

/** "3 May" for a YYYY-MM-DD day (UTC). */
export function shortDay(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
}
