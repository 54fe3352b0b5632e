// The sidebar's thread list, read from the threads view: pinned first, then most recent.
// Each row opens its thread; rename, pin and delete act on the index doc.
import { useState } from 'react';
import { NavLink, useNavigate } from 'react-router';
import { createThread, deleteThread, pinThread, renameThread } from '../../shared/docs/index-doc';
import { db, type ThreadRow } from '../db/hearth-db';
import { useLiveQuery } from '../db/use-live-query';
import { useSyncManager } from '../sync/SyncProvider';

export function useThreads(userId: string): ThreadRow[] | undefined {
  return useLiveQuery<ThreadRow[] | undefined>(
    async () => {
      const rows = await db.threads.where('userId').equals(userId).toArray();
      return rows
        .filter((t) => t.deletedAt === null)
        .sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.updatedAt - a.updatedAt);
    },
    [userId],
    undefined,
  );
}

export function NewChatButton() {
  const manager = useSyncManager();
  const navigate = useNavigate();
  return (
    <button
      type="button"
      className="button button-primary button-block new-chat"
      disabled={!manager}
      onClick={() => {
        if (!manager) return;
        const id = createThread(manager.index.doc, { now: Date.now() });
        navigate(`/t/${id}`);
      }}
    >
      New chat
    </button>
  );
}

export function ThreadList({ userId }: { userId: string }) {
  const threads = useThreads(userId);
  if (threads === undefined) return <p className="sidebar-empty">Loading chats…</p>;
  if (threads.length === 0) return <p className="sidebar-empty">No chats yet</p>;
  return (
    <ul className="thread-list">
      {threads.map((thread) => (
        <ThreadItem key={thread.id} thread={thread} />
      ))}
    </ul>
  );
}

function ThreadItem({ thread }: { thread: ThreadRow }) {
  const manager = useSyncManager();
  const navigate = useNavigate();
  const [renaming, setRenaming] = useState(false);
  const index = manager?.index.doc;

  if (renaming && index) {
    return (
      <li className="thread-item">
        <RenameField
          title={thread.title}
          onDone={(title) => {
            if (title && title !== thread.title) renameThread(index, thread.id, title, Date.now());
            setRenaming(false);
          }}
        />
      </li>
    );
  }
  return (
    <li className="thread-item">
      <NavLink to={`/t/${thread.id}`} className="thread-link">
        {thread.pinned && (
          <span className="pin-mark" role="img" aria-label="Pinned">
            ●
          </span>
        )}
        <span className="thread-title">{thread.title}</span>
      </NavLink>
      {index && (
        <span className="thread-actions">
          <button
            type="button"
            className="icon-button small"
            onClick={() => setRenaming(true)}
            aria-label={`Rename ${thread.title}`}
          >
            ✎
          </button>
          <button
            type="button"
            className="icon-button small"
            onClick={() => pinThread(index, thread.id, !thread.pinned, Date.now())}
            aria-label={`${thread.pinned ? 'Unpin' : 'Pin'} ${thread.title}`}
            aria-pressed={thread.pinned}
          >
            {thread.pinned ? '★' : '☆'}
          </button>
          <button
            type="button"
            className="icon-button small"
            onClick={() => {
              if (!window.confirm(`Delete “${thread.title}” on every device?`)) return;
              deleteThread(index, thread.id, Date.now());
              navigate('/');
            }}
            aria-label={`Delete ${thread.title}`}
          >
            🗑
          </button>
        </span>
      )}
    </li>
  );
}

export function RenameField({ title, onDone }: { title: string; onDone: (title: string | null) => void }) {
  const [value, setValue] = useState(title);
  return (
    <input
      className="rename-field"
      aria-label="Chat name"
      value={value}
      maxLength={200}
      // biome-ignore lint/a11y/noAutofocus: the person just asked to rename this chat
      autoFocus
      onChange={(event) => setValue(event.target.value)}
      onBlur={() => onDone(value.trim() || null)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') onDone(value.trim() || null);
        if (event.key === 'Escape') onDone(null);
      }}
    />
  );
}
