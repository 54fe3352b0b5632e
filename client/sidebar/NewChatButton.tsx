// Starts a chat: adds it to the index doc (works offline) and opens it.
import { useNavigate } from 'react-router';
import { useSync } from '../sync/SyncProvider';
import { ariaShortcut, formatShortcut } from '../ui/shortcuts';

/** Creates a chat and opens it; null until the index doc is loaded. */
export function useNewChat(): (() => void) | null {
  const sync = useSync();
  const navigate = useNavigate();
  if (!sync) return null;
  const { manager, engine } = sync;
  return () => navigate(`/t/${engine.createThread(manager.index.doc, { now: Date.now() })}`);
}

export function NewChatButton() {
  const newChat = useNewChat();
  return (
    <button
      type="button"
      className="button button-primary button-block new-chat"
      disabled={!newChat}
      aria-keyshortcuts={ariaShortcut('O', { mod: true, shift: true })}
      onClick={() => newChat?.()}
    >
      <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
        <path d="M12 5v14M5 12h14" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
      New chat
      <span className="new-chat-hint" aria-hidden="true">
        {formatShortcut('O', { mod: true, shift: true })}
      </span>
    </button>
  );
}
