// Opens a thread doc live for as long as a component shows it, and re-renders on changes.
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import type { LocalDoc } from '../sync/local-doc';
import { useSyncManager } from '../sync/SyncProvider';

export function useThreadDoc(threadId: string): LocalDoc | undefined {
  const manager = useSyncManager();
  const [local, setLocal] = useState<LocalDoc>();
  useEffect(() => {
    if (!manager) return;
    let cancelled = false;
    setLocal(undefined);
    void manager.openThread(threadId).then((opened) => {
      if (!cancelled) setLocal(opened);
    });
    return () => {
      cancelled = true;
      void manager.closeThread(threadId);
    };
  }, [manager, threadId]);
  return local;
}

/** A number that changes after every change to `doc`, at most once per animation frame. */
export function useDocVersion(doc: Y.Doc | undefined): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!doc) return;
    let frame = 0;
    const bump = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setVersion((v) => v + 1);
      });
    };
    doc.on('update', bump);
    return () => {
      doc.off('update', bump);
      cancelAnimationFrame(frame);
    };
  }, [doc]);
  return version;
}
