// One chat in the sidebar: a link to it (double-click or F2 renames it in place) and a
// button that opens its actions menu. Memoised: scrolling re-renders only new rows.
import { memo } from 'react';
import { NavLink } from 'react-router';
import type { ThreadMeta as Thread } from '../../shared/docs/index-doc';
import { type RenameEnd, RenameField } from '../chat/RenameField';
import { matches, SHORTCUTS } from '../ui/shortcuts';

export const MENU_ID = 'thread-actions-menu';

interface ThreadRowProps {
  thread: Thread;
  renaming: boolean;
  menuOpen: boolean;
  /** False until the index doc is loaded: nothing can be changed yet. */
  editable: boolean;
  onStartRename: (id: string) => void;
  onRenameDone: (thread: Thread, title: string | null, how: RenameEnd) => void;
  onOpenMenu: (thread: Thread, anchor: HTMLElement, focusLast: boolean) => void;
}

export const ThreadRow = memo(function ThreadRow({
  thread,
  renaming,
  menuOpen,
  editable,
  onStartRename,
  onRenameDone,
  onOpenMenu,
}: ThreadRowProps) {
  if (renaming) {
    return <RenameField title={thread.title} onDone={(title, how) => onRenameDone(thread, title, how)} />;
  }
  return (
    <>
      <NavLink
        to={`/t/${thread.id}`}
        className="thread-link"
        data-part="link"
        onDoubleClick={() => editable && onStartRename(thread.id)}
        onKeyDown={(event) => {
          if (matches(event, SHORTCUTS.renameChat) && editable) {
            event.preventDefault();
            onStartRename(thread.id);
          }
        }}
      >
        <span className="thread-title">{thread.title}</span>
      </NavLink>
      <button
        type="button"
        className="thread-menu-button"
        data-part="menu"
        aria-label={`Actions for ${thread.title}`}
        aria-haspopup="menu"
        aria-expanded={menuOpen}
        aria-controls={menuOpen ? MENU_ID : undefined}
        disabled={!editable}
        onClick={(event) => onOpenMenu(thread, event.currentTarget, false)}
        onKeyDown={(event) => {
          // The menu button pattern: arrows open the menu at its first item, or (the key
          // for the previous item) at its last.
          if (matches(event, SHORTCUTS.openChatMenu)) {
            event.preventDefault();
            onOpenMenu(thread, event.currentTarget, matches(event, SHORTCUTS.menuPrevious));
          }
        }}
      >
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
          <circle cx="5" cy="12" r="1.75" fill="currentColor" />
          <circle cx="12" cy="12" r="1.75" fill="currentColor" />
          <circle cx="19" cy="12" r="1.75" fill="currentColor" />
        </svg>
      </button>
    </>
  );
});
