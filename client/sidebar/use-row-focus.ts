// Keeps keyboard focus on a chat row in a virtual list. Rows unmount when they scroll out
// of range and move when their chat is renamed or pinned; either drops focus to <body>.
// This remembers which row and which part of it (link, menu button) held focus and puts
// it back after the re-render, and lets callers ask for focus on a row that is not drawn yet.
import { type RefObject, useCallback, useEffect, useLayoutEffect, useRef } from 'react';

export type RowPart = 'link' | 'menu';

interface Target {
  key: string;
  part: RowPart;
}

/** `scrollToKey` brings a row into the drawn range; false when the list has no such row. */
export function useRowFocus(container: RefObject<HTMLElement | null>, scrollToKey: (key: string) => boolean) {
  const target = useRef<Target | null>(null);
  const requested = useRef(false);

  useEffect(() => {
    const list = container.current;
    if (!list) return;
    const onFocusIn = (event: FocusEvent) => {
      const el = event.target as HTMLElement;
      const key = el.closest<HTMLElement>('[data-key]')?.dataset.key;
      const part = el.dataset.part;
      target.current = key && (part === 'link' || part === 'menu') ? { key, part } : null;
    };
    // Focus leaving for somewhere else on the page is the person's choice: forget the row.
    // (An element that unmounts blurs with no relatedTarget, so that case keeps it.)
    const onFocusOut = (event: FocusEvent) => {
      const next = event.relatedTarget as Node | null;
      if (next && !list.contains(next)) target.current = null;
    };
    const onPointerDown = (event: PointerEvent) => {
      if (!list.contains(event.target as Node)) target.current = null;
    };
    list.addEventListener('focusin', onFocusIn);
    list.addEventListener('focusout', onFocusOut);
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => {
      list.removeEventListener('focusin', onFocusIn);
      list.removeEventListener('focusout', onFocusOut);
      document.removeEventListener('pointerdown', onPointerDown, true);
    };
  }, [container]);

  /** Focuses a row's part as soon as it is drawn (now, or after the list catches up). */
  const focusRow = useCallback((key: string, part: RowPart) => {
    target.current = { key, part };
    requested.current = true;
  }, []);

  // After every render: put focus back if it fell to <body>, or deliver a request.
  useLayoutEffect(() => {
    const want = target.current;
    const lost = document.activeElement === document.body || document.activeElement === null;
    if (!want || !(lost || requested.current)) return;
    const el = container.current?.querySelector<HTMLElement>(
      `[data-key="${CSS.escape(want.key)}"] [data-part="${want.part}"]`,
    );
    if (el) {
      el.focus();
      requested.current = false;
    } else if (requested.current && !scrollToKey(want.key)) {
      target.current = null;
      requested.current = false;
    }
  });

  /** The key of the row to keep drawn even when it is out of view. */
  const keptKey = () => target.current?.key ?? null;

  return { focusRow, keptKey };
}
