// The sidebar's way into search: looks like a search box, opens the search palette (as
// Ctrl/Cmd+K does), which finds chats by title and by any message's words.
import { ariaShortcut, formatShortcut, SHORTCUTS } from '../ui/shortcuts';

export const SEARCH_BUTTON_ID = 'search-button';

export function SearchButton({ onOpen }: { onOpen: () => void }) {
  return (
    <button
      id={SEARCH_BUTTON_ID}
      type="button"
      className="search-button"
      onClick={onOpen}
      aria-haspopup="dialog"
      aria-keyshortcuts={ariaShortcut(SHORTCUTS.search)}
    >
      <svg className="search-button-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
        <circle cx="11" cy="11" r="6.5" fill="none" stroke="currentColor" strokeWidth="2" />
        <path d="M16 16l4.5 4.5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
      <span className="search-button-label">Search</span>
      <span className="search-button-hint" aria-hidden="true">
        {formatShortcut(SHORTCUTS.search)}
      </span>
    </button>
  );
}
