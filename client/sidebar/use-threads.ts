// The signed-in user's threads, newest first, deleted ones left out: from the index doc once
// the sync engine has loaded it, so a pin, rename or delete moves the list in the render of
// the click that made it; until then (the first paint, before yjs loads) from the threads
// view, which trails the doc. And the start of today, which moves at local midnight so the
// groups move with it.
import { Dexie } from 'dexie';
import { useEffect, useState } from 'react';
import type { ThreadMeta } from '../../shared/docs/index-doc';
import { db } from '../db/hearth-db';
import { useLiveQuery } from '../db/use-live-query';
import { useSync } from '../sync/SyncProvider';
import { useDocValue } from '../sync/use-doc-value';
import { startOfDay } from './group-threads';

const NONE = (): ThreadMeta[] => [];

export function useThreads(userId: string): ThreadMeta[] | undefined {
  const sync = useSync();
  const engine = sync?.manager.userId === userId ? sync.engine : undefined;
  const index = engine && sync?.manager.index.doc;
  const fromDoc = useDocValue(index, engine?.shownThreads ?? NONE, engine?.shownThreadsOptions);
  const fromView = useLiveQuery<ThreadMeta[] | undefined>(
    async () => {
      if (index) return undefined;
      // The [userId+updatedAt] index hands them over sorted, oldest first: one getAll, where
      // reading them newest first would walk a cursor, a round trip per row.
      const rows = await db.threads
        .where('[userId+updatedAt]')
        .between([userId, Dexie.minKey], [userId, Dexie.maxKey])
        .toArray();
      return rows.filter((t) => t.deletedAt === null).reverse();
    },
    [userId, index],
    undefined,
  );
  return fromDoc ?? fromView;
}

/** Local midnight today; re-renders the caller when the date changes. */
export function useStartOfToday(): number {
  const [today, setToday] = useState(() => startOfDay(Date.now()));
  // Re-armed each day: `today` changing is what schedules the next midnight.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    // A few ms past midnight, so the new day has surely begun when it fires.
    const timer = setTimeout(() => setToday(startOfDay(Date.now())), startOfDay(Date.now(), -1) - Date.now() + 50);
    return () => clearTimeout(timer);
  }, [today]);
  return today;
}
