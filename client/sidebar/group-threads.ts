// Sorts the sidebar's threads into groups (Pinned, Today, Yesterday, Previous 7 days, Older)
// by local calendar day, and flattens the groups into the rows the virtual list draws
// (group headers are rows too, so they scroll with their threads).

/** The fields grouping needs; ThreadRow from the threads view has them all. */
export interface GroupableThread {
  id: string;
  title: string;
  pinned: boolean;
  updatedAt: number;
}

export type GroupLabel = 'Pinned' | 'Today' | 'Yesterday' | 'Previous 7 days' | 'Older';

export interface ThreadGroup<T extends GroupableThread> {
  label: GroupLabel;
  threads: T[];
}

export type ListRow<T extends GroupableThread> =
  | { kind: 'header'; key: string; label: GroupLabel }
  | { kind: 'thread'; key: string; thread: T };

/** Local midnight `daysBack` days before `now` (built from calendar fields, so DST days are right). */
export function startOfDay(now: number, daysBack = 0): number {
  const date = new Date(now);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() - daysBack).getTime();
}

/**
 * Groups threads, most recently updated first within each group; empty groups are left
 * out. A thread dated in the future (another device's clock runs ahead) counts as today.
 */
export function groupThreads<T extends GroupableThread>(threads: readonly T[], now: number): ThreadGroup<T>[] {
  const today = startOfDay(now);
  const yesterday = startOfDay(now, 1);
  const lastWeek = startOfDay(now, 7);
  const buckets: Record<GroupLabel, T[]> = {
    Pinned: [],
    Today: [],
    Yesterday: [],
    'Previous 7 days': [],
    Older: [],
  };
  const sorted = [...threads].sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : 1));
  for (const thread of sorted) {
    const at = thread.updatedAt;
    if (thread.pinned) buckets.Pinned.push(thread);
    else if (at >= today) buckets.Today.push(thread);
    else if (at >= yesterday) buckets.Yesterday.push(thread);
    else if (at >= lastWeek) buckets['Previous 7 days'].push(thread);
    else buckets.Older.push(thread);
  }
  return (Object.keys(buckets) as GroupLabel[])
    .filter((label) => buckets[label].length > 0)
    .map((label) => ({ label, threads: buckets[label] }));
}

/** One row per group header and per thread, in display order. */
export function flattenGroups<T extends GroupableThread>(groups: readonly ThreadGroup<T>[]): ListRow<T>[] {
  const rows: ListRow<T>[] = [];
  for (const group of groups) {
    rows.push({ kind: 'header', key: `group:${group.label}`, label: group.label });
    for (const thread of group.threads) rows.push({ kind: 'thread', key: thread.id, thread });
  }
  return rows;
}
