// The keyboard shortcuts sheet, opened by "?" or the sidebar's keyboard button.
import { Fragment } from 'react';
import { Dialog } from '../ui/Dialog';
import { SHORTCUT_GROUPS } from '../ui/shortcuts';

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} title="Keyboard shortcuts" onClose={onClose}>
      <div className="shortcuts">
        {SHORTCUT_GROUPS.map((group) => (
          <section key={group.title} className="shortcut-group" aria-label={group.title}>
            <h3 className="shortcut-group-title">{group.title}</h3>
            <dl className="shortcut-list">
              {group.entries.map((entry) => (
                <div key={entry.description} className="shortcut">
                  <dt className="shortcut-keys">
                    {entry.keys.map((key, i) => (
                      <Fragment key={key}>
                        {i > 0 && <span className="visually-hidden"> + </span>}
                        <kbd>{key}</kbd>
                      </Fragment>
                    ))}
                  </dt>
                  <dd className="shortcut-description">{entry.description}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
