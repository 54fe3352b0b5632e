// The thread's title bar: its name (renamed in place), where it was forked from, and pin
// and delete (as icons, so a long title keeps the room on a phone).
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { deleteThread, pinThread, renameThread, type ThreadMeta } from '../../shared/docs/index-doc';
import { db } from '../db/hearth-db';
import { useLiveQuery } from '../db/use-live-query';
import { useSyncManager } from '../sync/SyncProvider';
import { EditIcon, PinIcon, TrashIcon } from './icons';
import { RenameField } from './RenameField';

function ForkedFrom({ threadId }: { threadId: string }) {
  const source = useLiveQuery(() => db.threads.get(threadId), [threadId], undefined);
  if (!source || source.deletedAt !== null) return null;
  return (
    <p className="thread-fork">
      Forked from <Link to={`/t/${threadId}`}>{source.title}</Link>
    </p>
  );
}

export function ThreadHeader({ threadId, thread }: { threadId: string; thread: ThreadMeta | undefined }) {
  const manager = useSyncManager();
  const navigate = useNavigate();
  const [renaming, setRenaming] = useState(false);
  const index = manager?.index.doc;

  return (
    <header className="thread-header">
      <div className="thread-title-block">
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
        {thread?.forkOf && <ForkedFrom threadId={thread.forkOf.threadId} />}
      </div>
      {index && thread && (
        <div className="thread-tools">
          <button
            type="button"
            className="icon-button small"
            aria-label="Rename"
            title="Rename"
            onClick={() => setRenaming(true)}
          >
            <EditIcon />
          </button>
          <button
            type="button"
            className="icon-button small"
            aria-label={thread.pinned ? 'Unpin' : 'Pin'}
            title={thread.pinned ? 'Unpin' : 'Pin'}
            onClick={() => pinThread(index, threadId, !thread.pinned, Date.now())}
          >
            <PinIcon filled={thread.pinned} />
          </button>
          <button
            type="button"
            className="icon-button small thread-delete"
            aria-label="Delete"
            title="Delete"
            onClick={() => {
              if (!window.confirm(`Delete “${thread.title}” on every device?`)) return;
              deleteThread(index, threadId, Date.now());
              navigate('/');
            }}
          >
            <TrashIcon />
          </button>
        </div>
      )}
    </header>
  );
}
