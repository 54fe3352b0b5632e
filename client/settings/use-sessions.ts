// Loads the account's signed-in devices, reloading when `version` changes.
import { useCallback, useEffect, useState } from 'react';
import type { SessionInfo } from '../../shared/api/auth';
import { api } from '../api';

export type SessionsState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; sessions: SessionInfo[] };

export function useSessions(version: number): { state: SessionsState; reload: () => void } {
  const [state, setState] = useState<SessionsState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: version and attempt are reload triggers
  useEffect(() => {
    const controller = new AbortController();
    // Keep showing the current list while it refreshes: no flash of "Loading" after a revoke.
    setState((current) => (current.status === 'ready' ? current : { status: 'loading' }));
    api('GET /api/auth/sessions', { signal: controller.signal })
      .then(({ sessions }) => {
        // This device first, then the most recently active.
        const sorted = [...sessions].sort(
          (a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt - a.lastSeenAt,
        );
        setState({ status: 'ready', sessions: sorted });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ status: 'error', error });
      });
    return () => controller.abort();
  }, [version, attempt]);

  return { state, reload: useCallback(() => setAttempt((n) => n + 1), []) };
}
