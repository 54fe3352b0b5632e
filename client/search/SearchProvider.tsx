// Runs the device's search index for the signed-in user from the moment the app is idle
// (or search is opened, whichever comes first), so results are ready when asked for.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { DeviceSearch } from './search-client';

interface SearchContextValue {
  search: DeviceSearch | null;
  /** Starts the index now, if it has not started yet. */
  start(): void;
}

const SearchContext = createContext<SearchContextValue>({ search: null, start: () => {} });

/** Start indexing once the app has been idle, at the latest this long after it opened. */
const START_AT_MOST_MS = 3000;

export function SearchProvider({ userId, children }: { userId: string; children: ReactNode }) {
  const [search, setSearch] = useState<DeviceSearch | null>(null);
  const [wanted, setWanted] = useState(false);
  const start = useCallback(() => setWanted(true), []);

  useEffect(() => {
    if (wanted) return;
    if (!('requestIdleCallback' in window)) {
      const timer = setTimeout(() => setWanted(true), START_AT_MOST_MS);
      return () => clearTimeout(timer);
    }
    const idle = requestIdleCallback(() => setWanted(true), { timeout: START_AT_MOST_MS });
    return () => cancelIdleCallback(idle);
  }, [wanted]);

  useEffect(() => {
    if (!wanted) return;
    const running = new DeviceSearch(userId);
    setSearch(running);
    return () => {
      running.stop();
      setSearch(null);
    };
  }, [userId, wanted]);

  const value = useMemo(() => ({ search, start }), [search, start]);
  return <SearchContext.Provider value={value}>{children}</SearchContext.Provider>;
}

export function useDeviceSearch(): SearchContextValue {
  return useContext(SearchContext);
}
