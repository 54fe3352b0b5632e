// Delete with undo. A tombstone in the index doc is final, so "undo" cannot mean writing it
// and taking it back: the chat is hidden at once and the tombstone is written only when the
// undo notice runs out, another chat is deleted, or the page is hidden or closed. The intent
// is recorded at once (pending-deletes.ts), so a tab that dies in between loses nothing.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { type Sync, useSync } from '../sync/SyncProvider';
import { readPendingDeletes, writePendingDeletes } from './pending-deletes';

/** How long the undo notice stays, unless the pointer or focus rests on it. */
export const UNDO_MS = 6000;
/** After resting on the notice, at least this long to reach the button again. */
const RESUME_MIN_MS = 2000;

interface PendingDelete {
  id: string;
  title: string;
  /** The chat was open when deleted: Undo opens it again. */
  wasOpen: boolean;
}

interface DeleteUndo {
  /** The chat the undo notice is about. */
  pending: PendingDelete | null;
  /** Chats to leave out of lists: the pending one, and any a previous visit left unfinished. */
  hidden: ReadonlySet<string>;
  requestDelete(thread: { id: string; title: string }): void;
  /** Brings back the pending chat; false when there was none. */
  undo(): boolean;
  /** Stops and restarts the countdown while the person is on the notice. */
  hold(held: boolean): void;
}

const DeleteUndoContext = createContext<DeleteUndo | null>(null);

export function DeleteUndoProvider({ userId, children }: { userId: string; children: ReactNode }) {
  const sync = useSync();
  const navigate = useNavigate();
  const [pending, setPending] = useState<PendingDelete | null>(null);
  const [leftovers] = useState(() => readPendingDeletes(userId));
  const pendingRef = useRef<PendingDelete | null>(null);
  const syncRef = useRef<Sync | null>(sync);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const deadline = useRef(0);
  const remaining = useRef(UNDO_MS);

  const set = useCallback(
    (next: PendingDelete | null) => {
      pendingRef.current = next;
      setPending(next);
      writePendingDeletes(userId, next ? [next.id] : []);
    },
    [userId],
  );

  /**
   * Writes the tombstone. When the page is being hidden or closed the record stays until the
   * next start, in case the page dies before the write is stored.
   */
  const commit = useCallback(
    (keepRecord = false) => {
      clearTimeout(timer.current);
      const current = pendingRef.current;
      const sync = syncRef.current;
      if (!current || !sync) return;
      sync.engine.deleteThread(sync.manager.index.doc, current.id, Date.now());
      pendingRef.current = null;
      setPending(null);
      if (!keepRecord) writePendingDeletes(userId, []);
    },
    [userId],
  );

  // The index is ready: finish what an earlier visit left (deleting twice changes nothing).
  // The leftovers stay hidden for this visit: the list's rows catch up a moment later.
  const leftoversDone = useRef(false);
  useEffect(() => {
    syncRef.current = sync;
    if (!sync || leftovers.length === 0 || leftoversDone.current) return;
    leftoversDone.current = true;
    for (const id of leftovers) sync.engine.deleteThread(sync.manager.index.doc, id, Date.now());
    writePendingDeletes(userId, pendingRef.current ? [pendingRef.current.id] : []);
  }, [sync, leftovers, userId]);

  const startTimer = useCallback(
    (ms: number) => {
      clearTimeout(timer.current);
      deadline.current = Date.now() + ms;
      timer.current = setTimeout(() => commit(), ms);
    },
    [commit],
  );

  const requestDelete = useCallback(
    (thread: { id: string; title: string }) => {
      commit(); // one undo at a time: an earlier deletion becomes final now
      const wasOpen = window.location.pathname === `/t/${thread.id}`;
      set({ id: thread.id, title: thread.title, wasOpen });
      remaining.current = UNDO_MS;
      startTimer(UNDO_MS);
      if (wasOpen) navigate('/');
    },
    [commit, navigate, set, startTimer],
  );

  const undo = useCallback(() => {
    const current = pendingRef.current;
    if (!current) return false;
    clearTimeout(timer.current);
    set(null);
    if (current.wasOpen) navigate(`/t/${current.id}`);
    return true;
  }, [navigate, set]);

  const hold = useCallback(
    (held: boolean) => {
      if (!pendingRef.current) return;
      if (held) {
        clearTimeout(timer.current);
        remaining.current = Math.max(deadline.current - Date.now(), 0);
      } else {
        startTimer(Math.max(remaining.current, RESUME_MIN_MS));
      }
    },
    [startTimer],
  );

  // A hidden tab may be frozen or closed without running the timer: write the tombstone now,
  // so it reaches the server (and other devices) without waiting for the next visit.
  useEffect(() => {
    const onPageHide = () => commit(true);
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') commit(true);
    };
    window.addEventListener('pagehide', onPageHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [commit]);

  const hidden = useMemo(() => new Set(pending ? [...leftovers, pending.id] : leftovers), [leftovers, pending]);
  const value = useMemo(
    () => ({ pending, hidden, requestDelete, undo, hold }),
    [pending, hidden, requestDelete, undo, hold],
  );
  return <DeleteUndoContext.Provider value={value}>{children}</DeleteUndoContext.Provider>;
}

export function useDeleteUndo(): DeleteUndo {
  const value = useContext(DeleteUndoContext);
  if (!value) throw new Error('useDeleteUndo needs a DeleteUndoProvider around it');
  return value;
}
