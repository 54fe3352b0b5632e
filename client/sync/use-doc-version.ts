// Re-renders a component after changes to a doc (at most once per frame), for readers that
// derive what they show from the doc as a whole (settings, the synced appearance).
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

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
