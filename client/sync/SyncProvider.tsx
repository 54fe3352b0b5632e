// Runs one SyncManager for the signed-in user and hands it to the app through context.
import { createContext, type ReactNode, useContext, useEffect, useState, useSyncExternalStore } from 'react';

export type { SyncStatus } from './sync-manager';

import { sessionStore } from '../auth/session-store';
import { browserTransport } from './browser-transport';
import { SyncManager, type SyncStatus } from './sync-manager';

const SyncContext = createContext<SyncManager | null>(null);

export function SyncProvider({ userId, children }: { userId: string; children: ReactNode }) {
  const [manager, setManager] = useState<SyncManager | null>(null);
  useEffect(() => {
    const next = new SyncManager(userId, browserTransport(), () => void sessionStore.recheck());
    let cancelled = false;
    void next.start().then(() => {
      if (!cancelled) setManager(next);
    });
    const online = () => next.online();
    window.addEventListener('online', online);
    window.addEventListener('offline', online);
    return () => {
      cancelled = true;
      window.removeEventListener('online', online);
      window.removeEventListener('offline', online);
      void next.stop();
    };
  }, [userId]);
  return <SyncContext.Provider value={manager}>{children}</SyncContext.Provider>;
}

/** The running sync manager, or null while it starts. */
export function useSyncManager(): SyncManager | null {
  return useContext(SyncContext);
}

const CONNECTING: SyncStatus = { kind: 'connecting' };
const noop = () => () => {};

export function useSyncStatus(): SyncStatus {
  const manager = useSyncManager();
  return useSyncExternalStore(manager?.subscribe ?? noop, manager?.getStatus ?? (() => CONNECTING));
}
