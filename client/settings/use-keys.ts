// The user's saved provider keys (last four characters and date only), loaded once for the
// settings page and shared by the API keys and Models sections.
import { useCallback, useEffect, useState } from 'react';
import type { ProviderId } from '../../shared/ai/providers';
import type { ApiKeyInfo, KeysResponse } from '../../shared/api/keys';
import { api } from '../api';

export type KeysState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; keys: ApiKeyInfo[]; serverDefault: KeysResponse['serverDefault'] };

export interface Keys {
  state: KeysState;
  reload: () => void;
  /** Records a key the server just saved, without another round trip. */
  saved: (info: ApiKeyInfo) => void;
  /** Records a key the server just removed. */
  removed: (provider: ProviderId) => void;
}

export function useKeys(): Keys {
  const [state, setState] = useState<KeysState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt is the reload trigger
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    api('GET /api/keys', { signal: controller.signal })
      .then(({ keys, serverDefault }) => setState({ status: 'ready', keys, serverDefault }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error });
      });
    return () => controller.abort();
  }, [attempt]);

  const saved = useCallback((info: ApiKeyInfo) => {
    setState((current) =>
      current.status === 'ready'
        ? { ...current, keys: [...current.keys.filter((k) => k.provider !== info.provider), info] }
        : current,
    );
  }, []);
  const removed = useCallback((provider: ProviderId) => {
    setState((current) =>
      current.status === 'ready' ? { ...current, keys: current.keys.filter((k) => k.provider !== provider) } : current,
    );
  }, []);

  return { state, reload: useCallback(() => setAttempt((n) => n + 1), []), saved, removed };
}

/** Whether calls to `provider` can be paid for: the user's own key, or the server's shared one. */
export function hasAccess(state: KeysState, provider: ProviderId): boolean {
  if (state.status !== 'ready') return false;
  return state.keys.some((k) => k.provider === provider) || state.serverDefault?.provider === provider;
}
