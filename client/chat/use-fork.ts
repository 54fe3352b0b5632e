// "Fork from here": a new thread (marked as forked from this message) whose doc starts with
// this thread's path up to the message; then it opens.
import { useCallback, useRef } from 'react';
import { useNavigate } from 'react-router';
import type * as Y from 'yjs';
import { copyPath, pathUpTo } from '../../shared/docs/fork';
import { createThread } from '../../shared/docs/index-doc';
import { activePath } from '../../shared/docs/thread-doc';
import { useSyncManager } from '../sync/SyncProvider';
import type { ShownThread } from './thread-reads';

// The new thread's page opens the doc itself; holding our own reference a little longer
// keeps it in memory (and its first upload going) until then instead of closing it at once.
const HOLD_MS = 5000;

export function useFork(threadId: string, doc: Y.Doc | undefined, thread: ShownThread | undefined) {
  const manager = useSyncManager();
  const navigate = useNavigate();
  // Read when forking, so the callback (shared by every row) stays the same across renders.
  const meta = useRef(thread);
  meta.current = thread;
  return useCallback(
    async (messageId: string) => {
      if (!manager || !doc) return;
      const path = pathUpTo(activePath(doc), messageId);
      if (path.length === 0) return;
      const thread = meta.current;
      const newId = createThread(manager.index.doc, {
        now: Date.now(),
        title: thread ? `${thread.title} (fork)` : undefined,
        model: thread?.model,
        modeId: thread?.modeId,
        projectId: thread?.projectId,
        forkOf: { threadId, messageId },
      });
      const local = await manager.openThread(newId);
      copyPath(local.doc, path);
      navigate(`/t/${newId}`);
      setTimeout(() => void manager.closeThread(newId), HOLD_MS);
    },
    [manager, doc, threadId, navigate],
  );
}
