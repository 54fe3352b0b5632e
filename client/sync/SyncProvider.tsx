// Runs one SyncManager for the signed-in user and hands it to the app through context. The
// sync engine is loaded on demand (sync-engine.ts), so the shell paints before yjs arrives.
import { createContext, type ReactNode, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import { startDeviceBlobs } from '../attachments/device-blobs';
import { sessionStore } from '../auth/session-store';
import type { SyncManager, SyncStatus } from './sync-manager';

export type { SyncStatus } from './sync-manager';

type SyncEngine = typeof import('./sync-engine');

/** The running manager and the loaded engine module, whose index-doc edits the shell calls. */
export interface Sync {
  manager: SyncManager;
  engine: SyncEngine;
}

const SyncContext = createContext<Sync | null>(null);

export function SyncProvider({ userId, children }: { userId: string; children: ReactNode }) {
  const [sync, setSync] = useState<Sync | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    let manager: SyncManager | undefined;
    const stopBlobs = startDeviceBlobs(userId);
    const online = () => manager?.online();
    window.addEventListener('online', online);
    window.addEventListener('offline', online);
    import('./sync-engine')
      .then(async (engine) => {
        if (cancelled) return;
        manager = new engine.SyncManager(userId, engine.browserTransport(), () => void sessionStore.recheck());
        await manager.start();
        if (!cancelled) setSync({ manager, engine });
      })
      .catch((error: unknown) => {
        if (!cancelled) setFailed(error instanceof Error ? error.message : String(error));
      });
    return () => {
      cancelled = true;
      stopBlobs();
      window.removeEventListener('online', online);
      window.removeEventListener('offline', online);
      void manager?.stop();
    };
  }, [userId]);
  return (
    <SyncContext.Provider value={sync}>
      {failed && (
        <p className="storage-error" role="alert">
          Sync could not start ({failed}). Your chats are safe on this device: reload the page to try again.
        </p>
      )}
      {children}
    </SyncContext.Provider>
  );
}

/** The running sync manager and engine, or null while they load and start. */
export function useSync(): Sync | null {
  return useContext(SyncContext);
}

/** The running sync manager, or null while it starts. */
export function useSyncManager(): SyncManager | null {
  return useContext(SyncContext)?.manager ?? null;
}

const CONNECTING: SyncStatus = { kind: 'connecting' };
const noop = () => () => {};

export function useSyncStatus(): SyncStatus {
  const manager = useSyncManager();
  return useSyncExternalStore(manager?.subscribe ?? noop, manager?.getStatus ?? (() => CONNECTING));
}
