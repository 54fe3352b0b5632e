// The box that narrows the sidebar's chats by title as you type. Ctrl/Cmd+K focuses it
// (through its id, so the shortcut needs no reference to it); Esc clears it.
import { ariaShortcut, formatShortcut, matches, SHORTCUTS } from '../ui/shortcuts';

export const FILTER_ID = 'thread-filter';

export function FilterBox({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return (
    <div className="filter-box">
      <svg className="filter-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
        <circle cx="11" cy="11" r="6.5" fill="none" stroke="currentColor" strokeWidth="2" />
        <path d="M16 16l4.5 4.5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
      <input
        id={FILTER_ID}
        className="filter-input"
        type="search"
        aria-label="Filter chats"
        aria-keyshortcuts={ariaShortcut(SHORTCUTS.filterChats)}
        placeholder="Filter chats"
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          // Esc empties the box first; only an empty box lets Esc through (to close the drawer).
          if (matches(event, SHORTCUTS.clearFilter) && value) {
            event.preventDefault();
            event.stopPropagation();
            onChange('');
          }
        }}
      />
      <span className="filter-hint" aria-hidden="true">
        {formatShortcut(SHORTCUTS.filterChats)}
      </span>
    </div>
  );
}
