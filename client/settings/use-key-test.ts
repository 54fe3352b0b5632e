// "Test" for a saved key: one cheap call through the server, answered in plain words.
import { useCallback, useState } from 'react';
import type { ProviderId } from '../../shared/ai/providers';
import { api, errorMessage } from '../api';

export type KeyTest = { status: 'idle' } | { status: 'testing' } | { status: 'done'; ok: boolean; message: string };

export interface KeyTestState {
  result: KeyTest;
  run: () => Promise<void>;
  clear: () => void;
}

export function useKeyTest(provider: ProviderId): KeyTestState {
  const [result, setResult] = useState<KeyTest>({ status: 'idle' });
  const run = useCallback(async () => {
    setResult({ status: 'testing' });
    try {
      const { ok, message } = await api('POST /api/keys/:provider/test', { params: { provider } });
      setResult({ status: 'done', ok, message });
    } catch (error) {
      setResult({ status: 'done', ok: false, message: errorMessage(error) });
    }
  }, [provider]);
  return { result, run, clear: useCallback(() => setResult({ status: 'idle' }), []) };
}
