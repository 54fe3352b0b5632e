// Opening a chat at one message (from search): once the doc is loaded, the branch holding
// the message becomes the active one if it was not, the conversation scrolls to it and
// marks it for a moment. The message comes in the navigation's state, which is then
// cleared, so going back or reloading does not do it again.
import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type * as Y from 'yjs';
import { readMessage, switchBranch } from '../../shared/docs/thread-doc';
import type { Row } from './thread-view';

/** The navigation state that asks for a message to be shown. */
export interface RevealState {
  reveal: string;
}

/** How long the message stays marked. */
const MARK_MS = 2500;

const revealOf = (state: unknown): string | null =>
  typeof state === 'object' && state !== null && typeof (state as RevealState).reveal === 'string'
    ? (state as RevealState).reveal
    : null;

/**
 * The message to bring into view and mark now, or null. `onReveal` is called when it is on
 * the path, just before: the conversation must stop following its end.
 */
export function useRevealMessage(doc: Y.Doc | undefined, rows: readonly Row[], onReveal: () => void): string | null {
  const location = useLocation();
  const navigate = useNavigate();
  const [wanted, setWanted] = useState<string | null>(null);
  const [marked, setMarked] = useState<string | null>(null);

  const asked = revealOf(location.state);
  useEffect(() => {
    if (!asked) return;
    setWanted(asked);
    navigate(`${location.pathname}${location.search}`, { replace: true, state: null });
  }, [asked, location.pathname, location.search, navigate]);

  useEffect(() => {
    if (!wanted || !doc) return;
    const at = rows.findIndex((row) => row.message.id === wanted);
    if (at < 0) {
      // On another branch: show that branch (the rows follow); a message gone is let go.
      if (readMessage(doc, wanted)) switchBranch(doc, wanted);
      else setWanted(null);
      return;
    }
    onReveal();
    setMarked(wanted);
    setWanted(null);
  }, [wanted, doc, rows, onReveal]);

  useEffect(() => {
    if (!marked) return;
    const timer = setTimeout(() => setMarked(null), MARK_MS);
    return () => clearTimeout(timer);
  }, [marked]);

  return marked;
}
