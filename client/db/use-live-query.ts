// Renders from Dexie: re-runs a query whenever the tables it read change (Dexie's liveQuery).
import { liveQuery } from 'dexie';
import { type DependencyList, useEffect, useState } from 'react';
import { reportStorageError } from './storage-errors';

/** The query's latest result, or `initial` until the first one arrives. */
export function useLiveQuery<T>(query: () => Promise<T> | T, deps: DependencyList, initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({ next: setValue, error: reportStorageError });
    return () => subscription.unsubscribe();
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names the query's inputs
  }, deps);
  return value;
}
