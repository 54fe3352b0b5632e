// The home composer writes into a scratch doc that belongs to no chat, so opening the app
// creates nothing. The first character typed (or pasted) or the first file attached creates
// the chat, moves the scratch doc's whole state into its thread doc (the draft, its
// attachments, and a message if it was already sent) and opens it once the files being
// attached are in; the thread page puts the cursor back at the end of the draft. Until it
// has (the home composer still shows while the page loads) what is typed keeps flowing into
// the thread doc, so fast typing loses nothing.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import * as Y from 'yjs';
import { draftAttachmentsOf } from '../../shared/docs/draft-attachments';
import { instructionsNow } from '../../shared/docs/reply-instructions';
import { draftOf, type ReplyInstructions } from '../../shared/docs/thread-doc';
import { useSync } from '../sync/SyncProvider';

/** Navigation state the thread page reads: focus the composer on arrival. */
export const FOCUS_COMPOSER = { focusComposer: true } as const;

export interface HomeThread {
  doc: Y.Doc;
  replyInstructions: () => ReplyInstructions | undefined;
  /** For the composer's onAttaching: the chat opens after these are done. */
  attaching: (work: Promise<unknown>) => void;
}

/** `choice`: what the person picked on the home screen, given to the chat when it is created. */
export function useHomeThread(choice: { model: string | null; modeId: string | null }): HomeThread {
  const sync = useSync();
  const navigate = useNavigate();
  const [scratch] = useState(() => new Y.Doc());
  const threadId = useRef<string | null>(null);
  const pending = useRef(new Set<Promise<unknown>>());
  const latest = useRef(choice);
  latest.current = choice;

  useEffect(() => {
    if (!sync) return;
    const { manager, engine } = sync;
    const draft = draftOf(scratch);
    const files = draftAttachmentsOf(scratch);
    let left = false;
    let release = () => {};
    const start = () => {
      if (threadId.current || (draft.length === 0 && files.length === 0)) return;
      const { model, modeId } = latest.current;
      const id = engine.createThread(manager.index.doc, {
        now: Date.now(),
        ...(model && { model }),
        ...(modeId && { modeId }),
      });
      threadId.current = id;
      void manager.openThread(id).then(async (local) => {
        // Everything typed until now, in one update, then (while this page shows) each
        // keystroke after it.
        Y.applyUpdate(local.doc, Y.encodeStateAsUpdate(scratch));
        if (left) return void manager.closeThread(id);
        const forward = (update: Uint8Array) => Y.applyUpdate(local.doc, update);
        scratch.on('update', forward);
        release = () => {
          scratch.off('update', forward);
          void manager.closeThread(id);
        };
        // Files still being stored land in the scratch doc: stay (forwarding) until they have.
        while (pending.current.size > 0) await Promise.allSettled(pending.current);
        if (!left) navigate(`/t/${id}`, { state: FOCUS_COMPOSER });
      });
    };
    draft.observe(start);
    files.observe(start);
    start(); // typed before the index doc was ready
    return () => {
      left = true;
      draft.unobserve(start);
      files.unobserve(start);
      release();
    };
  }, [sync, scratch, navigate]);

  const replyInstructions = useCallback(
    () => (sync && threadId.current ? instructionsNow(sync.manager.index.doc, threadId.current) : undefined),
    [sync],
  );
  const attaching = useCallback((work: Promise<unknown>) => {
    pending.current.add(work);
    void work.finally(() => pending.current.delete(work));
  }, []);
  return { doc: scratch, replyInstructions, attaching };
}
