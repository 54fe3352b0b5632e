// New chat opens the home composer (the cursor in it on a computer). The chat itself is
// created by the first character typed there (client/home/use-home-thread.ts), so a New chat
// that is left creates nothing and the sidebar never fills with empty chats.
import { useCallback } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ariaShortcut, formatShortcut, SHORTCUTS } from '../ui/shortcuts';

/** Opens the home composer; at home already, it stays (with what is typed) and takes the cursor. */
export function useNewChat(): () => void {
  const navigate = useNavigate();
  const atHome = useLocation().pathname === '/';
  // A new navigation even at home: the composer takes focus and the drawer closes on it.
  return useCallback(() => navigate('/', { replace: atHome }), [navigate, atHome]);
}

export function NewChatButton() {
  const newChat = useNewChat();
  return (
    <button
      type="button"
      className="button button-primary button-block new-chat"
      aria-keyshortcuts={ariaShortcut(SHORTCUTS.newChat)}
      onClick={newChat}
    >
      <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
        <path d="M12 5v14M5 12h14" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
      New chat
      <span className="new-chat-hint" aria-hidden="true">
        {formatShortcut(SHORTCUTS.newChat)}
      </span>
    </button>
  );
}
