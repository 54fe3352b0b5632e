// Copies text to the clipboard and says so for a moment ("Copied"), or that it could not.
import { useEffect, useRef, useState } from 'react';

export type CopyState = 'idle' | 'copied' | 'failed';

export function useCopy(): [CopyState, (text: string) => void] {
  const [state, setState] = useState<CopyState>('idle');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const copy = (text: string) => {
    const show = (next: CopyState) => {
      setState(next);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setState('idle'), 1500);
    };
    // The clipboard API is missing outside secure contexts and may be refused.
    if (!navigator.clipboard) return show('failed');
    navigator.clipboard.writeText(text).then(
      () => show('copied'),
      () => show('failed'),
    );
  };
  return [state, copy];
}

/** The copy button's words for each state. */
export const copyLabel = (state: CopyState, idle = 'Copy') =>
  state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : idle;
