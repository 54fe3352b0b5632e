import { describe, expect, test } from 'vitest';
import type { UsageRow } from '../../shared/api/usage';
import { axisTicks, chartData, daysBetween, OTHER, totalsByModel } from './usage-data';

const row = (day: string, model: string, inputTokens: number, outputTokens = 0, requests = 1): UsageRow => ({
  day,
  model,
  requests,
  inputTokens,
  outputTokens,
});

describe('usage data', () => {
  test('every day of the range is there, empty days as zero', () => {
    expect(daysBetween('2025-02-27', '2025-03-02')).toEqual(['2025-02-27', '2025-02-28', '2025-03-01', '2025-03-02']);
    const data = chartData({ from: '2025-03-01', to: '2025-03-03', rows: [row('2025-03-02', 'openai/a', 10, 5)] });
    expect(data.days.map((d) => d.total)).toEqual([0, 15, 0]);
    expect(data.max).toBe(15);
  });

  test('models rank by tokens, and those past the fifth fold into Other', () => {
    const rows = ['a', 'b', 'c', 'd', 'e', 'f'].map((m, i) => row('2025-03-01', `openai/${m}`, 100 - i));
    const data = chartData({ from: '2025-03-01', to: '2025-03-01', rows });
    expect(data.series).toEqual(['openai/a', 'openai/b', 'openai/c', 'openai/d', OTHER]);
    expect(data.days[0]?.parts).toEqual([100, 99, 98, 97, 96 + 95]);
  });

  test('totals per model add up requests and both directions of tokens', () => {
    const totals = totalsByModel([row('2025-03-01', 'x/m', 10, 20, 2), row('2025-03-02', 'x/m', 1, 2, 1)]);
    expect(totals).toEqual([{ model: 'x/m', requests: 3, inputTokens: 11, outputTokens: 22, total: 33 }]);
  });

  test('axis ticks are round and reach the maximum', () => {
    expect(axisTicks(0)).toEqual([0, 1]);
    expect(axisTicks(9_000)).toEqual([0, 2500, 5000, 7500, 10000]);
    expect(axisTicks(100)).toEqual([0, 25, 50, 75, 100]);
  });
});
