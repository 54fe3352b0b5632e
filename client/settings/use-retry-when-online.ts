// Calls `retry` when the browser comes back online after a failed load; returns whether it is online.
import { useEffect, useRef } from 'react';
import { useOnline } from '../ui/use-online';

export function useRetryWhenOnline(failed: boolean, retry: () => void): boolean {
  const online = useOnline();
  const wasOnline = useRef(online);
  useEffect(() => {
    const cameBack = online && !wasOnline.current;
    wasOnline.current = online;
    if (cameBack && failed) retry();
  }, [online, failed, retry]);
  return online;
}
