// The rows of the conversation, re-derived only when the thread's structure changes (a
// message added, a branch switched), never on a streamed token or a keystroke in the draft:
// rows follow their own message's changes through useLiveMessage (and the page follows the
// latest reply's status through useMessageState).
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import * as Y from 'yjs';
import {
  activePath,
  draftOf,
  listMessages,
  type Message,
  messageText,
  readMessage,
} from '../../shared/docs/thread-doc';
import { buildRows, type Row } from './thread-view';

function rowsOf(doc: Y.Doc | undefined): Row[] {
  if (!doc) return [];
  const all = listMessages(doc);
  return buildRows(all, activePath(doc, all));
}

/**
 * Top-level types are the doc's message map, its view (the active leaf) and the draft; a
 * change to any but the draft may change the path. Changes inside one message (its text,
 * status, usage) are nested types, which the message's own row observes.
 */
function changesStructure(transaction: Y.Transaction, draft: unknown): boolean {
  for (const type of transaction.changed.keys()) if (type !== draft && type.parent === null) return true;
  return false;
}

export function useThreadRows(doc: Y.Doc | undefined): Row[] {
  const [state, setState] = useState(() => ({ doc, rows: rowsOf(doc) }));
  let rows = state.rows;
  if (state.doc !== doc) {
    // The doc arrived (or changed): derive the rows now, in this render, not a frame later.
    rows = rowsOf(doc);
    setState({ doc, rows });
  }

  // A layout effect, so no change can land between deriving the rows and subscribing.
  useLayoutEffect(() => {
    if (!doc) return;
    const draft = draftOf(doc);
    let frame = 0;
    const onTransaction = (transaction: Y.Transaction) => {
      if (frame || !changesStructure(transaction, draft)) return;
      // At most once a frame, however many changes arrive (a catch-up brings thousands).
      frame = requestAnimationFrame(() => {
        frame = 0;
        setState({ doc, rows: rowsOf(doc) });
      });
    };
    doc.on('afterTransaction', onTransaction);
    return () => {
      doc.off('afterTransaction', onTransaction);
      cancelAnimationFrame(frame);
    };
  }, [doc]);

  return rows;
}

/**
 * Streamed tokens arrive every few tens of milliseconds; re-rendering a reply (and parsing
 * its markdown) more often than this costs main-thread time that typing needs, for no
 * difference anyone can see.
 */
const MIN_UPDATE_MS = 50;

/** One message, live: re-read whenever its text, status or usage changes (at most every 50 ms). */
export function useLiveMessage(doc: Y.Doc | undefined, id: string | undefined): Message | undefined {
  const [version, setVersion] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` changes with the message
  const message = useMemo(() => (doc && id ? readMessage(doc, id) : undefined), [doc, id, version]);
  const shown = useRef(message);
  shown.current = message;

  // A layout effect, so no change can land between this render and the subscription.
  useLayoutEffect(() => {
    if (!doc || !id) return;
    const map = messageText(doc, id)?.parent;
    if (!(map instanceof Y.Map)) return;
    let frame = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    const update = () => {
      frame = 0;
      last = performance.now();
      setVersion((v) => v + 1);
    };
    const onChange = () => {
      if (frame || timer) return;
      const wait = last + MIN_UPDATE_MS - performance.now();
      if (wait <= 0) frame = requestAnimationFrame(update);
      else
        timer = setTimeout(() => {
          timer = undefined;
          frame = requestAnimationFrame(update);
        }, wait);
    };
    map.observeDeep(onChange);
    // React may commit a render a little after it read the doc: catch up on what changed since.
    const now = readMessage(doc, id);
    if (now?.text !== shown.current?.text || now?.status !== shown.current?.status) onChange();
    return () => {
      map.unobserveDeep(onChange);
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [doc, id]);

  return message;
}

export type MessageState = Pick<Message, 'id' | 'role' | 'status' | 'error'>;

/**
 * A message's role, status and error, live, without following its text: the page needs to
 * know when the latest reply starts, stops or fails, not every token.
 */
export function useMessageState(doc: Y.Doc | undefined, id: string | undefined): MessageState | undefined {
  const [version, setVersion] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` changes with the message
  const state = useMemo(() => {
    const message = doc && id ? readMessage(doc, id) : undefined;
    return message && { id: message.id, role: message.role, status: message.status, error: message.error };
  }, [doc, id, version]);
  const shown = useRef(state);
  shown.current = state;

  useLayoutEffect(() => {
    if (!doc || !id) return;
    const map = messageText(doc, id)?.parent;
    if (!(map instanceof Y.Map)) return;
    // The message's own keys (status, error, usage), not its text: observe, not observeDeep.
    const onChange = () => setVersion((v) => v + 1);
    map.observe(onChange);
    if (readMessage(doc, id)?.status !== shown.current?.status) onChange();
    return () => map.unobserve(onChange);
  }, [doc, id]);
  return state;
}
