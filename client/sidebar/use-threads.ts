// The signed-in user's threads from the threads view, newest first, deleted ones left out;
// and the start of today, which moves at local midnight so the groups move with it.
import { Dexie } from 'dexie';
import { useEffect, useState } from 'react';
import { db, type ThreadRow } from '../db/hearth-db';
import { useLiveQuery } from '../db/use-live-query';
import { startOfDay } from './group-threads';

export function useThreads(userId: string): ThreadRow[] | undefined {
  return useLiveQuery<ThreadRow[] | undefined>(
    async () => {
      // The [userId+updatedAt] index hands them over sorted, oldest first: one getAll, where
      // reading them newest first would walk a cursor, a round trip per row.
      const rows = await db.threads
        .where('[userId+updatedAt]')
        .between([userId, Dexie.minKey], [userId, Dexie.maxKey])
        .toArray();
      return rows.filter((t) => t.deletedAt === null).reverse();
    },
    [userId],
    undefined,
  );
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
