// Opens a thread doc live for as long as a component shows it, and re-renders on changes.
import { Dexie } from 'dexie';
import { useEffect, useState } from 'react';
import { byCreation } from '../../shared/docs/thread-doc';
import { db } from '../db/hearth-db';
import { reportStorageError } from '../db/storage-errors';
import type { LocalDoc } from '../sync/local-doc';
import { useSyncManager } from '../sync/SyncProvider';
import { rowMessage } from '../sync/views';
import type { Row } from './thread-view';

export interface OpeningThread {
  /** The doc, once loaded (from memory, IndexedDB, or the server). */
  local: LocalDoc | undefined;
  /** Until then, the active path as the message views last recorded it (read-only). */
  preview: Row[];
}

/** How many of the latest messages a preview reads: more than the tallest screen shows. */
const PREVIEW_MESSAGES = 40;

/** Stands in for a message before the previewed ones (drawn only if scrolled to that fast). */
const placeholder = (i: number): Row => ({
  message: {
    id: `preview-${i}`,
    role: 'user',
    parentId: null,
    createdAt: 0,
    model: null,
    status: 'done',
    text: '',
    error: null,
    usage: null,
  },
  position: 0,
  count: 1,
  prevId: null,
  nextId: null,
});

/**
 * The active path as the message views last recorded it: its length, and its latest
 * messages (branch switchers are not shown in a preview, so their counts are left out).
 */
async function readPreview(threadId: string): Promise<Row[]> {
  // Two requests (all the path's ids, then the latest rows), not a cursor's hundreds.
  const [ids, latest] = await db.transaction('r', db.messages, async () => {
    const ids = await db.messages
      .where('[threadId+onPath+createdAt]')
      .between([threadId, 1, Dexie.minKey], [threadId, 1, Dexie.maxKey])
      .primaryKeys();
    return [ids, await db.messages.bulkGet(ids.slice(-PREVIEW_MESSAGES))] as const;
  });
  const tail = latest.flatMap((row) => (row ? [rowMessage(row)] : [])).sort(byCreation);
  const total = ids.length;
  const rows = Array.from({ length: total - tail.length }, (_, i) => placeholder(i));
  for (const message of tail) rows.push({ message, position: 0, count: 1, prevId: null, nextId: null });
  return rows;
}

const NO_ROWS: Row[] = [];

/**
 * Opens `threadId` live. A doc that is not in memory takes a while to load (applying a
 * 1,000-message doc blocks the page for over 100 ms), so the thread is first painted from
 * the message views, and the doc is loaded after that paint. One thread per mount: the
 * thread page is keyed by the thread's id.
 */
export function useThreadDoc(threadId: string): OpeningThread {
  const manager = useSyncManager();
  // Loaded already (the home composer just wrote the first words into it): from the first render.
  const [local, setLocal] = useState(() => manager?.loadedThread(threadId));
  const [preview, setPreview] = useState<Row[] | null>(null);

  // Read from the first render on, not after its paint: the read overlaps it.
  const [previewRead] = useState(() => readPreview(threadId));
  useEffect(() => {
    let cancelled = false;
    previewRead.then(
      (rows) => !cancelled && setPreview(rows),
      (error: unknown) => {
        reportStorageError(error);
        if (!cancelled) setPreview(NO_ROWS);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [previewRead]);

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
