// The server's search status for Settings → Search: loaded with the page (and again when the
// saved keys change: a new key makes a model usable), polled while indexing by meaning runs,
// and replaced by the answer to every settings change.
import { useCallback, useEffect, useState } from 'react';
import type { SearchSettingsInput, SearchStatusResponse } from '../../shared/api/search';
import { api } from '../api';

export type SearchStatusState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; value: SearchStatusResponse };

/** How often progress is asked for while messages are being embedded. */
const POLL_MS = 1500;

export function useSearchStatus(keysVersion: unknown) {
  const [state, setState] = useState<SearchStatusState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt and keysVersion are reload triggers
  useEffect(() => {
    const controller = new AbortController();
    api('GET /api/search/status', { signal: controller.signal })
      .then((value) => {
        // An abort while the body was read resolves too, with nothing: a newer load is on its way.
        if (!controller.signal.aborted) setState({ status: 'ready', value });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error });
      });
    return () => controller.abort();
  }, [attempt, keysVersion]);

  const indexing =
    state.status === 'ready' &&
    state.value.enabled &&
    state.value.meaning.on &&
    state.value.meaning.error === null &&
    state.value.meaning.indexed < state.value.meaning.total;
  // A new state (each answer) arms the next poll: polling stops by itself once done.
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new state is the trigger for the next poll
  useEffect(() => {
    if (!indexing) return;
    const timer = setTimeout(retry, POLL_MS);
    return () => clearTimeout(timer);
  }, [indexing, state, retry]);

  /** Saves the settings; the answer is the new status. Throws what the server refused. */
  const save = useCallback(async (input: SearchSettingsInput) => {
    const value = await api('PUT /api/search/settings', { body: input });
    setState({ status: 'ready', value });
  }, []);

  return { state, retry, save };
}
