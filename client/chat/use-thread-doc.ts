// Opens a thread doc live for as long as a component shows it, and re-renders on changes.
import { Dexie } from 'dexie';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { byCreation } from '../../shared/docs/thread-doc';
import { db } from '../db/hearth-db';
import { reportStorageError } from '../db/storage-errors';
import type { LocalDoc } from '../sync/local-doc';
import { useSyncManager } from '../sync/SyncProvider';
import { rowMessage } from '../sync/views';
import { buildRows, type Row } from './thread-view';

export interface OpeningThread {
  /** The doc, once loaded (from memory, IndexedDB, or the server). */
  local: LocalDoc | undefined;
  /** Until then, the active path as the message views last recorded it (read-only). */
  preview: Row[];
}

/** The active path from the message views: what this device showed when it last had the doc. */
async function readPreview(threadId: string): Promise<Row[]> {
  const found = await db.messages
    .where('[threadId+createdAt]')
    .between([threadId, Dexie.minKey], [threadId, Dexie.maxKey])
    .toArray();
  if (!found.some((row) => row.onPath === 1)) return [];
  const all = found.map(rowMessage).sort(byCreation);
  const onPath = new Set(found.filter((row) => row.onPath === 1).map((row) => row.id));
  return buildRows(
    all,
    all.filter((m) => onPath.has(m.id)),
  );
}

const NO_ROWS: Row[] = [];

/**
 * Opens `threadId` live. A doc that is not in memory takes a while to load (applying a
 * 1,000-message doc blocks the page for over 100 ms), so the thread is first painted from
 * the message views, and the doc is loaded after that paint.
 */
export function useThreadDoc(threadId: string): OpeningThread {
  const manager = useSyncManager();
  const [local, setLocal] = useState<LocalDoc>();
  const [preview, setPreview] = useState<Row[] | null>(null);

  useEffect(() => {
    let cancelled = false;
    readPreview(threadId).then(
      (rows) => !cancelled && setPreview(rows),
      (error: unknown) => {
        reportStorageError(error);
        if (!cancelled) setPreview(NO_ROWS);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [threadId]);

  // In memory already (opened in the last minute): at once. Otherwise once previewed.
  const canOpen = preview !== null || (manager?.isOpen(threadId) ?? false);
  useEffect(() => {
    if (!manager || !canOpen) return;
    let cancelled = false;
    let opened = false;
    const open = () => {
      if (cancelled) return;
      opened = true;
      void manager.openThread(threadId).then((doc) => !cancelled && setLocal(doc));
    };
    // After the frame that shows the preview: a task queued from requestAnimationFrame runs
    // once that frame is painted.
    let frame = 0;
    if (manager.isOpen(threadId)) open();
    else frame = requestAnimationFrame(() => setTimeout(open));
    return () => {
      cancelled = true;
      cancelAnimationFrame(frame);
      if (opened) void manager.closeThread(threadId);
    };
  }, [manager, threadId, canOpen]);

  return { local, preview: local ? NO_ROWS : (preview ?? NO_ROWS) };
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
