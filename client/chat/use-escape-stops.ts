// Esc stops the reply that is streaming (or queued), wherever focus is in the conversation,
// unless something closer to the person handled Esc first (a menu, an edit, the drawer).
import { useEffect } from 'react';
import type * as Y from 'yjs';
import { stopReply } from '../../shared/docs/chat-actions';
import { matches, SHORTCUTS } from '../ui/shortcuts';

export function useEscapeStops(doc: Y.Doc | undefined, replyId: string | null, area: HTMLElement | null): void {
  useEffect(() => {
    if (!doc || !replyId) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!matches(event, SHORTCUTS.stopReply) || event.defaultPrevented || event.isComposing) return;
      // Only from the conversation (or from nowhere in particular): Esc in the sidebar drawer
      // closes the drawer, and an open menu closes itself.
      const target = event.target instanceof Node ? event.target : null;
      const inArea = target === document.body || (target !== null && area?.contains(target));
      if (!inArea || document.querySelector(':popover-open')) return;
      event.preventDefault();
      stopReply(doc, replyId);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [doc, replyId, area]);
}
