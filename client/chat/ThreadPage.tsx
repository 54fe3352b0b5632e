// One thread: its title, the messages on the active path, and the draft, which is the
// thread doc's own text — typed here, it is saved and synced with every keystroke.
import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { isId } from '../../shared/docs/ids';
import { deleteThread, pinThread, renameThread } from '../../shared/docs/index-doc';
import { activePath, draftOf } from '../../shared/docs/thread-doc';
import { db } from '../db/hearth-db';
import { useLiveQuery } from '../db/use-live-query';
import { useSyncManager } from '../sync/SyncProvider';
import { RenameField } from './ThreadList';
import { useDocVersion, useThreadDoc } from './use-thread-doc';
import { useYText } from './use-y-text';

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

function Thread({ threadId }: { threadId: string }) {
  const manager = useSyncManager();
  const navigate = useNavigate();
  const thread = useLiveQuery(() => db.threads.get(threadId), [threadId], undefined);
  const local = useThreadDoc(threadId);
  const version = useDocVersion(local?.doc);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` changes with the doc
  const path = useMemo(() => (local ? activePath(local.doc) : []), [local, version]);
  const draft = useYText(local ? draftOf(local.doc) : undefined);
  const [renaming, setRenaming] = useState(false);
  const index = manager?.index.doc;

  if (thread?.deletedAt) {
    return (
      <section className="empty-state">
        <h1>This chat was deleted</h1>
        <p>It was deleted on one of your devices, so it is gone everywhere.</p>
      </section>
    );
  }

  return (
    <section className="thread" aria-labelledby="thread-title">
      <title>{`${thread?.title ?? 'Chat'} · Hearth`}</title>
      <header className="thread-header">
        {renaming && index && thread ? (
          <RenameField
            title={thread.title}
            onDone={(title) => {
              if (title) renameThread(index, threadId, title, Date.now());
              setRenaming(false);
            }}
          />
        ) : (
          <h1 id="thread-title" className="thread-heading">
            {thread?.title ?? 'Loading…'}
          </h1>
        )}
        {index && thread && (
          <div className="thread-tools">
            <button type="button" className="button button-small button-ghost" onClick={() => setRenaming(true)}>
              Rename
            </button>
            <button
              type="button"
              className="button button-small button-ghost"
              aria-pressed={thread.pinned}
              onClick={() => pinThread(index, threadId, !thread.pinned, Date.now())}
            >
              {thread.pinned ? 'Unpin' : 'Pin'}
            </button>
            <button
              type="button"
              className="button button-small button-danger"
              onClick={() => {
                if (!window.confirm(`Delete “${thread.title}” on every device?`)) return;
                deleteThread(index, threadId, Date.now());
                navigate('/');
              }}
            >
              Delete
            </button>
          </div>
        )}
      </header>

      <ol className="messages" aria-label="Messages">
        {path.length === 0 && <li className="messages-empty">No messages yet. Write below to start.</li>}
        {path.map((message) => (
          <li key={message.id} className={`message message-${message.role}`} data-status={message.status}>
            <span className="message-role">{message.role === 'user' ? 'You' : 'Assistant'}</span>
            <div className="message-text">{message.text}</div>
          </li>
        ))}
      </ol>

      <form className="composer" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor="draft" className="visually-hidden">
          Message
        </label>
        <textarea
          id="draft"
          ref={draft.ref}
          className="composer-input"
          value={draft.value}
          onChange={draft.onChange}
          disabled={!local}
          placeholder={local ? 'Write a message… (saved on this device and synced as you type)' : 'Loading…'}
          rows={3}
        />
      </form>
    </section>
  );
}
