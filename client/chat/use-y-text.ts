// Binds a textarea to a Y.Text: each edit becomes the smallest CRDT insert/delete, and
// edits from other devices update the field without moving this person's cursor.
import { type ChangeEvent, useCallback, useEffect, useRef } from 'react';
import type * as Y from 'yjs';
import { changedType } from '../sync/doc-value';
import { useDocValue } from '../sync/use-doc-value';

type Delta = { retain?: number; insert?: unknown; delete?: number }[];

/** Where position `index` moves to after a Y.Text change described by `delta`. */
export function mapIndex(index: number, delta: Delta): number {
  let position = 0;
  let mapped = index;
  for (const op of delta) {
    if (position >= index) break;
    if (op.retain) position += op.retain;
    else if (typeof op.insert === 'string') {
      mapped += op.insert.length;
    } else if (op.delete) {
      mapped -= Math.min(op.delete, index - position);
      position += op.delete;
    }
  }
  return Math.max(0, mapped);
}

/** Applies the edit from `before` to `after` to `text` as one delete and one insert. */
export function applyEdit(text: Y.Text, before: string, after: string): void {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (
    end < before.length - start &&
    end < after.length - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  ) {
    end++;
  }
  const removed = before.length - start - end;
  const added = after.slice(start, after.length - end);
  if (removed === 0 && added === '') return;
  text.doc!.transact(() => {
    if (removed > 0) text.delete(start, removed);
    if (added) text.insert(start, added);
  });
}

/**
 * A textarea bound to the Y.Text `textOf(doc)`: its value read through useDocValue (each edit
 * here re-renders in its own event), edits written as the smallest CRDT change.
 */
export function useYText(doc: Y.Doc | undefined, textOf: (doc: Y.Doc) => Y.Text) {
  const read = useCallback((doc: Y.Doc) => textOf(doc).toString(), [textOf]);
  const value = useDocValue(doc, read, { affects: (transaction) => changedType(transaction, textOf(transaction.doc)) });
  const ref = useRef<HTMLTextAreaElement>(null);

  // An edit from another device while this person types: set the field at once with their
  // cursor mapped through the edit (React, setting the value a frame later, would put the
  // cursor at the end); React then finds the field already showing the doc's text.
  useEffect(() => {
    if (!doc) return;
    const text = textOf(doc);
    const keepCursor = (event: Y.YTextEvent) => {
      const field = ref.current;
      if (event.transaction.local || !field || document.activeElement !== field) return;
      const delta = event.delta as Delta;
      const start = mapIndex(field.selectionStart, delta);
      const end = mapIndex(field.selectionEnd, delta);
      field.value = text.toString();
      field.setSelectionRange(start, end);
    };
    text.observe(keepCursor);
    return () => text.unobserve(keepCursor);
  }, [doc, textOf]);

  const onChange = (event: ChangeEvent<HTMLTextAreaElement>) => {
    if (!doc) return;
    const text = textOf(doc);
    applyEdit(text, text.toString(), event.target.value);
  };

  return { value: value ?? '', onChange, ref };
}
