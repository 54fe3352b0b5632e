// One thread: its title bar, the conversation (the active path, virtualised, following the
// stream) and the composer. Owns the page-wide parts: which message is being edited, Esc to
// stop, the spoken status of the latest reply, and forking.
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useParams } from 'react-router';
import type * as Y from 'yjs';
import { isId } from '../../shared/docs/ids';
import { setThreadMode, setThreadModel } from '../../shared/docs/index-doc';
import { listModes, type Mode } from '../../shared/docs/modes';
import { instructionsNow } from '../../shared/docs/reply-instructions';
import { fileDrop } from '../attachments/file-drop';
import { db } from '../db/hearth-db';
import { useLiveQuery } from '../db/use-live-query';
import { useSyncManager } from '../sync/SyncProvider';
import { useDocValue } from '../sync/use-doc-value';
import { useOnline } from '../ui/use-online';
import { Composer, type ComposerHandle } from './Composer';
import { type Conversation, ConversationContext } from './conversation-context';
import { FALLBACK_MODEL } from './default-model';
import { ArrowDownIcon } from './icons';
import { MessageList } from './MessageList';
import { preloadMarkdown } from './markdown/lazy';
import { modelGroups } from './model-options';
import { ThreadHeader } from './ThreadHeader';
import {
  type MessageState,
  messageOptions,
  type PickerSettings,
  ROWS,
  readMessageState,
  readPickerSettings,
  readRows,
  readShownThread,
  type ShownThread,
} from './thread-reads';
import { lastUserMessage } from './thread-view';
import { useEscapeStops } from './use-escape-stops';
import { useFollowStream } from './use-follow-stream';
import { useFork } from './use-fork';
import { useModelAccess } from './use-model-access';
import { useRevealMessage } from './use-reveal-message';
import { useThreadDoc } from './use-thread-doc';
import './conversation.css';

// Fetch the markdown renderer while the thread doc loads, not after.
preloadMarkdown().catch(() => {}); // a reply asks again when it renders

export default function ThreadPage() {
  const { threadId = '' } = useParams();
  if (!isId(threadId)) return <ThreadMissing />;
  return <Thread key={threadId} threadId={threadId} />;
}

function ThreadMissing() {
  return (
    <section className="empty-state">
      <h1>This chat doesn’t exist</h1>
      <p>It may have been deleted on another device.</p>
    </section>
  );
}

/** What a screen reader hears when the latest reply changes state (tokens are not read out). */
function announce(message: MessageState | undefined, online: boolean): string {
  if (message?.role !== 'assistant') return '';
  switch (message.status) {
    case 'queued':
      return online ? 'Waiting for the reply.' : 'Queued until you are back online.';
    case 'streaming':
      return 'Replying…';
    case 'done':
      return 'Reply finished.';
    case 'cancel':
    case 'cancelled':
      return 'Reply stopped.';
    case 'interrupted':
      return 'The reply was interrupted.';
    case 'error':
      return `The reply failed: ${message.error ?? ''}`;
    default: {
      const never: never = message.status;
      return never;
    }
  }
}

const NO_SETTINGS: PickerSettings = { favouriteModels: [], defaultModel: null, enabledProviders: null };
const NO_MODES: Mode[] = [];

function Thread({ threadId }: { threadId: string }) {
  const manager = useSyncManager();
  const index = manager?.index.doc;
  // The thread as the index doc has it, which the page writes to (model, mode, title); until
  // the sync engine has loaded the index, as the views last recorded it.
  const readThread = useCallback((doc: Y.Doc) => readShownThread(doc, threadId), [threadId]);
  const fromIndex = useDocValue(index, readThread);
  const row = useLiveQuery(() => (index ? undefined : db.threads.get(threadId)), [threadId, index], undefined);
  const thread: ShownThread | undefined = fromIndex ?? row;
  const opening = useThreadDoc(threadId);
  const doc = opening.local?.doc;
  // Lets bench/client tell the time to load the doc from the time to render it.
  const docMarked = useRef(false);
  if (doc && !docMarked.current) {
    docMarked.current = true;
    performance.mark('hearth:thread-doc-ready');
  }
  const rows = useDocValue(doc, readRows, ROWS) ?? opening.preview;
  const online = useOnline();
  const settings = useDocValue(index, readPickerSettings) ?? NO_SETTINGS;
  const modes = useDocValue(index, listModes) ?? NO_MODES;
  const keys = useModelAccess();
  const model = thread?.model ?? settings.defaultModel ?? FALLBACK_MODEL;
  const groups = useMemo(
    () => modelGroups(settings.favouriteModels, keys, model, settings.enabledProviders),
    [settings, keys, model],
  );
  const follow = useFollowStream();
  const revealId = useRevealMessage(doc, rows, follow.stopFollowing);
  const composer = useRef<ComposerHandle>(null);
  const [section, setSection] = useState<HTMLElement | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);

  // The latest message's state (when a reply starts, stops or fails), not each of its tokens.
  const lastId = rows.at(-1)?.message.id;
  const readLast = useCallback((doc: Y.Doc) => (lastId ? readMessageState(doc, lastId) : undefined), [lastId]);
  const last = useDocValue(doc, readLast, messageOptions(lastId ?? ''));
  const pendingReplyId =
    last?.role === 'assistant' && (last.status === 'queued' || last.status === 'streaming') ? last.id : null;
  useEscapeStops(doc, pendingReplyId, section);
  const fork = useFork(threadId, doc, thread);

  // Read from the index doc at the moment of sending, and pinned on the reply it queues.
  const replyInstructions = useCallback(
    () => (index ? instructionsNow(index, threadId) : undefined),
    [index, threadId],
  );
  const endEdit = useCallback(() => {
    setEditingId(null);
    composer.current?.focus();
  }, []);
  const conversation = useMemo<Conversation>(
    () => ({
      doc,
      threadModel: model,
      replyInstructions,
      online,
      modelGroups: groups,
      startEdit: setEditingId,
      endEdit,
      fork: (messageId) => void fork(messageId),
    }),
    [doc, model, replyInstructions, online, groups, endEdit, fork],
  );

  const onModelChange = useCallback(
    (next: string) => index && setThreadModel(index, threadId, next, Date.now()),
    [index, threadId],
  );
  const onModeChange = useCallback(
    (next: string | null) => index && setThreadMode(index, threadId, next, Date.now()),
    [index, threadId],
  );
  // Arriving from the home composer mid-sentence: the cursor goes back to the end of the draft,
  // before the next keystroke can land anywhere else (a layout effect: in the same task).
  const focusOnArrival = Boolean((useLocation().state as { focusComposer?: boolean } | null)?.focusComposer);
  useLayoutEffect(() => {
    if (doc && focusOnArrival) composer.current?.focus();
  }, [doc, focusOnArrival]);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const onEditLast = useCallback(() => {
    const message = lastUserMessage(rowsRef.current);
    if (message) setEditingId(message.id);
    return Boolean(message);
  }, []);

  if (thread?.deletedAt) {
    return (
      <section className="empty-state">
        <h1>This chat was deleted</h1>
        <p>It was deleted on one of your devices, so it is gone everywhere.</p>
      </section>
    );
  }

  return (
    <section
      className="thread"
      aria-labelledby="thread-title"
      ref={setSection}
      // Files dropped anywhere on the conversation attach to the draft.
      {...fileDrop((files) => composer.current?.attach(files))}
    >
      <title>{`${thread?.title ?? 'Chat'} · Hearth`}</title>
      <ThreadHeader threadId={threadId} thread={thread} />
      <div className="thread-scroller" ref={follow.scrollerRef}>
        {rows.length > 0 && (
          <ConversationContext value={conversation}>
            <MessageList
              rows={rows}
              editingId={editingId}
              revealId={revealId}
              scroller={follow.scroller}
              contentRef={follow.contentRef}
            />
          </ConversationContext>
        )}
        {doc && rows.length === 0 && <p className="messages-empty">No messages yet. Write below to start.</p>}
      </div>
      <div className="thread-footer">
        {!follow.atEnd && (
          <button type="button" className="button button-small jump-latest" onClick={follow.jumpToLatest}>
            <ArrowDownIcon />
            Jump to latest
          </button>
        )}
        <p className="visually-hidden" aria-live="polite">
          {announce(last, online)}
        </p>
        <Composer
          handle={composer}
          doc={doc}
          model={model}
          replyInstructions={replyInstructions}
          groups={groups}
          onModelChange={onModelChange}
          modes={modes}
          modeId={thread?.modeId ?? null}
          onModeChange={onModeChange}
          pendingReplyId={pendingReplyId}
          onSent={follow.jumpToLatest}
          onEditLast={onEditLast}
        />
      </div>
    </section>
  );
}
