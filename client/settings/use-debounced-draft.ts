// A local draft of a synced value: typing updates the draft at once and writes it after a
// pause (and on unmount), while changes arriving from other devices replace the draft only
// when nothing typed here is waiting to be written.
import { useCallback, useEffect, useRef, useState } from 'react';

const DELAY_MS = 400;

export function useDebouncedDraft<T>(
  stored: T,
  save: (value: T) => void,
): { draft: T; change: (next: T, immediately?: boolean) => void; flush: () => void; saved: boolean } {
  const [draft, setDraft] = useState(stored);
  const [saved, setSaved] = useState(false);
  const pending = useRef<{ value: T } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const saveRef = useRef(save);
  saveRef.current = save;

  const storedKey = JSON.stringify(stored);
  // biome-ignore lint/correctness/useExhaustiveDependencies: storedKey stands for stored, compared by value
  useEffect(() => {
    if (!pending.current) setDraft(stored);
  }, [storedKey]);

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    const waiting = pending.current;
    if (!waiting) return;
    pending.current = null;
    saveRef.current(waiting.value);
    setSaved(true);
  }, []);

  const change = useCallback(
    (next: T, immediately = false) => {
      setDraft(next);
      setSaved(false);
      pending.current = { value: next };
      clearTimeout(timer.current);
      if (immediately) flush();
      else timer.current = setTimeout(flush, DELAY_MS);
    },
    [flush],
  );

  useEffect(() => flush, [flush]);
  return { draft, change, flush, saved };
}
