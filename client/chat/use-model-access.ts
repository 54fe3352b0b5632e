// Which providers this account can use (its keys, and the server's own key if offered), so
// the model pickers can disable the rest. Unknown (null) while offline or before the first
// answer: the pickers then disable nothing rather than guess.
import { useEffect, useState } from 'react';
import type { KeysResponse } from '../../shared/api/keys';
import { api } from '../api';
import { useOnline } from '../ui/use-online';

// Kept between thread pages, so opening another thread shows the same choices at once.
let lastKnown: KeysResponse | null = null;

export function useModelAccess(): KeysResponse | null {
  const online = useOnline();
  const [keys, setKeys] = useState(lastKnown);
  useEffect(() => {
    if (!online) return;
    const abort = new AbortController();
    api('GET /api/keys', { signal: abort.signal }).then(
      (answer) => {
        lastKnown = answer;
        setKeys(answer);
      },
      () => {}, // offline or refused: keep what we knew
    );
    return () => abort.abort();
  }, [online]);
  return keys;
}
