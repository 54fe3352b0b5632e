// The thread's title bar: its name (renamed in place), where it was forked from, and pin
// and delete (as icons, so a long title keeps the room on a phone).
import { useCallback, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type * as Y from 'yjs';
import { deleteThread, pinThread, readThread, renameThread } from '../../shared/docs/index-doc';
import { useSyncManager } from '../sync/SyncProvider';
import { useDocValue } from '../sync/use-doc-value';
import { EditIcon, PinIcon, TrashIcon } from './icons';
import { RenameField } from './RenameField';
import type { ShownThread } from './thread-reads';

function ForkedFrom({ index, threadId }: { index: Y.Doc; threadId: string }) {
  const readSource = useCallback(
    (doc: Y.Doc) => {
      const source = readThread(doc, threadId);
      return source && { title: source.title, deleted: source.deletedAt !== null };
    },
    [threadId],
  );
  const source = useDocValue(index, readSource);
  if (!source || source.deleted) return null;
  return (
    <p className="thread-fork">
      Forked from <Link to={`/t/${threadId}`}>{source.title}</Link>
    </p>
  );
}

export function ThreadHeader({ threadId, thread }: { threadId: string; thread: ShownThread | undefined }) {
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
        {index && thread?.forkOf && <ForkedFrom index={index} threadId={thread.forkOf.threadId} />}
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
