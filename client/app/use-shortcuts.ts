// The app-wide keyboard shortcuts (SHORTCUTS in client/ui/shortcuts.ts). One listener on
// the document; shortcuts without Ctrl/⌘ stay quiet while the person is typing in a field.
import { useEffect, useRef } from 'react';
import { isTyping, matches, SHORTCUTS } from '../ui/shortcuts';

export interface ShortcutHandlers {
  openSearch: () => void;
  newChat: () => void;
  showShortcuts: () => void;
  /** Undoes a pending chat deletion; false when there is none (the key then does its usual job). */
  undoDelete: () => boolean;
}

export function useShortcuts(handlers: ShortcutHandlers): void {
  // The latest handlers without re-adding the listener on every render.
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // A modal dialog (this sheet, a confirmation) owns the keyboard while it is open.
      if (event.defaultPrevented || event.isComposing || document.querySelector('dialog[open]')) return;
      const typing = isTyping(event.target);
      const run = (action: () => void) => {
        event.preventDefault();
        action();
      };
      if (matches(event, SHORTCUTS.search)) run(latest.current.openSearch);
      else if (matches(event, SHORTCUTS.newChat)) run(latest.current.newChat);
      else if (matches(event, SHORTCUTS.undoDelete) && !typing) {
        if (latest.current.undoDelete()) event.preventDefault();
      } else if (matches(event, SHORTCUTS.showShortcuts) && !typing) run(latest.current.showShortcuts);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
