// Binds a textarea to a Y.Text: each edit becomes the smallest CRDT insert/delete, and
// edits from other devices update the field without moving this person's cursor.
import { type ChangeEvent, useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';

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

export function useYText(text: Y.Text | undefined) {
  const [value, setValue] = useState(() => text?.toString() ?? '');
  const ref = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (!text) return;
    setValue(text.toString());
    const observer = (event: Y.YTextEvent) => {
      const field = ref.current;
      if (event.transaction.local || !field || document.activeElement !== field) {
        setValue(text.toString());
        return;
      }
      const delta = event.delta as Delta;
      const start = mapIndex(field.selectionStart, delta);
      const end = mapIndex(field.selectionEnd, delta);
      field.value = text.toString();
      field.setSelectionRange(start, end);
      setValue(field.value);
    };
    text.observe(observer);
    return () => text.unobserve(observer);
  }, [text]);

  const onChange = (event: ChangeEvent<HTMLTextAreaElement>) => {
    if (!text) return;
    applyEdit(text, text.toString(), event.target.value);
    setValue(event.target.value);
  };

  return { value, onChange, ref };
}
