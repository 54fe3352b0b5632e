// Grouping by local calendar day and flattening into list rows.
import { describe, expect, it } from 'vitest';
import { flattenGroups, type GroupableThread, groupThreads, startOfDay } from './group-threads';

// Wednesday 12 March 2025, 10:30 local time.
const NOW = new Date(2025, 2, 12, 10, 30).getTime();
const at = (day: number, hour = 12, minute = 0) => new Date(2025, 2, day, hour, minute).getTime();
const thread = (id: string, updatedAt: number, extra: Partial<GroupableThread> = {}): GroupableThread => ({
  id,
  title: `Chat ${id}`,
  pinned: false,
  updatedAt,
  ...extra,
});
const labelsAndIds = (threads: GroupableThread[]) =>
  groupThreads(threads, NOW).map((g) => [g.label, g.threads.map((t) => t.id)]);

describe('groupThreads', () => {
  it('puts each thread in its group by local day, newest first, and leaves empty groups out', () => {
    const threads = [
      thread('old', at(1)),
      thread('today-early', at(12, 0, 0)),
      thread('yesterday-late', at(11, 23, 59)),
      thread('today-late', at(12, 10, 0)),
      thread('week', at(6)),
      thread('week-edge', at(5, 0, 0)),
      thread('just-older', at(4, 23, 59)),
    ];
    expect(labelsAndIds(threads)).toEqual([
      ['Today', ['today-late', 'today-early']],
      ['Yesterday', ['yesterday-late']],
      ['Previous 7 days', ['week', 'week-edge']],
      ['Older', ['just-older', 'old']],
    ]);
  });

  it('lists pinned threads first, whatever their date', () => {
    const threads = [
      thread('a', at(12)),
      thread('p-old', at(1), { pinned: true }),
      thread('p-new', at(12, 9), { pinned: true }),
    ];
    expect(labelsAndIds(threads)).toEqual([
      ['Pinned', ['p-new', 'p-old']],
      ['Today', ['a']],
    ]);
  });

  it('counts a thread dated in the future (a clock running ahead) as today', () => {
    expect(labelsAndIds([thread('future', at(14))])).toEqual([['Today', ['future']]]);
  });

  it('returns no groups for no threads', () => {
    expect(groupThreads([], NOW)).toEqual([]);
  });

  it('keeps a stable order for threads updated at the same moment', () => {
    const threads = [thread('b', at(12, 9)), thread('a', at(12, 9))];
    expect(labelsAndIds(threads)).toEqual([['Today', ['a', 'b']]]);
  });
});

describe('startOfDay', () => {
  it('is local midnight, counted back in calendar days', () => {
    expect(startOfDay(NOW)).toBe(new Date(2025, 2, 12).getTime());
    expect(startOfDay(NOW, 7)).toBe(new Date(2025, 2, 5).getTime());
    expect(startOfDay(new Date(2025, 0, 1, 8).getTime(), 1)).toBe(new Date(2024, 11, 31).getTime());
  });
});

describe('flattenGroups', () => {
  it('makes one header row per group followed by its threads', () => {
    const rows = flattenGroups(groupThreads([thread('p', at(1), { pinned: true }), thread('t', at(12))], NOW));
    expect(rows.map((r) => (r.kind === 'header' ? `# ${r.label}` : r.thread.id))).toEqual([
      '# Pinned',
      'p',
      '# Today',
      't',
    ]);
  });
});
