// The keyboard shortcuts sheet, opened by "?" or the sidebar's keyboard button: every entry
// of SHORTCUTS (client/ui/shortcuts.ts), the registry the keyboard handlers read too.
import { Fragment } from 'react';
import { Dialog } from '../ui/Dialog';
import { shortcutSheet } from '../ui/shortcuts';

const SHEET = shortcutSheet();

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} title="Keyboard shortcuts" onClose={onClose}>
      <div className="shortcuts">
        {SHEET.map((group) => (
          <section key={group.title} className="shortcut-group" aria-label={group.title}>
            <h3 className="shortcut-group-title">{group.title}</h3>
            <dl className="shortcut-list">
              {group.entries.map((entry) => (
                <div key={entry.id} className="shortcut" data-shortcut={entry.id}>
                  <dt className="shortcut-keys">
                    {entry.keys.map((combo, i) => (
                      <Fragment key={combo.join('+')}>
                        {i > 0 && <span className="shortcut-or">or</span>}
                        {combo.map((key, j) => (
                          <Fragment key={key}>
                            {j > 0 && <span className="visually-hidden"> + </span>}
                            <kbd>{key}</kbd>
                          </Fragment>
                        ))}
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
