// Custom modes: a named system prompt with an icon that a chat can use. Kept in the index
// doc, so they work offline and appear on every device.
import { useRef, useState } from 'react';
import type * as Y from 'yjs';
import { deleteMode, listModes, type Mode } from '../../shared/docs/modes';
import { useSyncManager } from '../sync/SyncProvider';
import { useDocValue } from '../sync/use-doc-value';
import { ConfirmDialog } from './ConfirmDialog';
import { ModeDialog } from './ModeDialog';

type Editing = { kind: 'new' } | { kind: 'edit'; mode: Mode } | null;

export function ModesSection() {
  const doc = useSyncManager()?.index.doc;
  const modes = useDocValue(doc, listModes) ?? [];
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<Mode | null>(null);
  const newModeRef = useRef<HTMLButtonElement>(null);

  return (
    <section id="modes" className="card" aria-labelledby="modes-heading">
      <div className="card-title-row">
        <h2 id="modes-heading">Modes</h2>
        {doc && (
          <button
            ref={newModeRef}
            type="button"
            className="button button-small button-primary"
            onClick={() => setEditing({ kind: 'new' })}
          >
            New mode
          </button>
        )}
      </div>
      <p className="muted">A mode is a system prompt you can pick for a chat, like "Code reviewer" or "Tutor".</p>
      {!doc && <p className="muted">Loading your modes…</p>}
      {doc && modes.length === 0 && <p className="empty-note">No modes yet. Create one to reuse a system prompt.</p>}
      {modes.length > 0 && (
        <ul className="mode-list" aria-label="Modes">
          {modes.map((mode) => (
            <li key={mode.id} className="mode-row">
              <span className="mode-icon" aria-hidden="true">
                {mode.icon || mode.name.slice(0, 1).toUpperCase()}
              </span>
              <div className="mode-main">
                <p className="mode-name">{mode.name}</p>
                <p className="mode-prompt muted">{mode.systemPrompt || 'No system prompt.'}</p>
              </div>
              <div className="mode-actions">
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => setEditing({ kind: 'edit', mode })}
                  aria-label={`Edit ${mode.name}`}
                >
                  Edit
                </button>
                <button
                  type="button"
                  className="button button-small button-danger"
                  onClick={() => setDeleting(mode)}
                  aria-label={`Delete ${mode.name}`}
                >
                  Delete
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {doc && (
        <ModeDialog
          doc={doc}
          mode={editing?.kind === 'edit' ? editing.mode : null}
          open={editing !== null}
          onClose={() => setEditing(null)}
        />
      )}
      {doc && (
        <DeleteModeDialog
          doc={doc}
          mode={deleting}
          onClose={() => setDeleting(null)}
          // Its Delete button is gone with it: focus goes to a button that stays.
          onDeleted={() => requestAnimationFrame(() => newModeRef.current?.focus())}
        />
      )}
    </section>
  );
}

interface DeleteModeDialogProps {
  doc: Y.Doc;
  mode: Mode | null;
  onClose: () => void;
  onDeleted: () => void;
}

function DeleteModeDialog({ doc, mode, onClose, onDeleted }: DeleteModeDialogProps) {
  return (
    <ConfirmDialog
      open={mode !== null}
      title={`Delete ${mode?.name ?? 'this mode'}?`}
      confirmLabel="Delete mode"
      onConfirm={() => {
        if (mode) deleteMode(doc, mode.id, Date.now());
        onClose();
        onDeleted();
      }}
      onClose={onClose}
    >
      Chats that use it carry on without its system prompt. This removes it from all your devices.
    </ConfirmDialog>
  );
}
