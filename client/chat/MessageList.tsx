// The messages of the active path as a virtual list: only the rows near the viewport are in
// the DOM, each measured as it renders (heights vary with the text), so a thread of
// thousands of messages opens and scrolls as fast as a short one.
import { useVirtualizer } from '@tanstack/react-virtual';
import { type RefObject, useCallback, useEffect, useMemo } from 'react';
import { useConversation } from './conversation-context';
import { MessageItem } from './MessageItem';
import { estimateHeight, type Row } from './thread-view';

interface Props {
  rows: Row[];
  editingId: string | null;
  /** A message to bring into view and mark (opened from search). */
  revealId?: string | null;
  scroller: RefObject<HTMLElement | null>;
  /** Called with the list element (and its cleanup returned), to follow its growth. */
  contentRef: (el: HTMLElement | null) => (() => void) | undefined;
}

// Rows rendered beyond the viewport on each side: enough for smooth scrolling, few enough
// that opening a thread parses little markdown.
const OVERSCAN = 3;

export function MessageList({ rows, editingId, revealId = null, scroller, contentRef }: Props) {
  // Rows from the views while the doc loads: each shows its recorded message.
  const previewing = !useConversation().doc;
  const estimates = useMemo(() => {
    const width = Math.min(820, scroller.current?.clientWidth ?? window.innerWidth);
    return rows.map((row) => estimateHeight(row.message, width));
  }, [rows, scroller]);
  const getItemKey = useCallback((index: number) => rows[index]?.message.id ?? index, [rows]);

  const virtualizer = useVirtualizer<HTMLElement, HTMLLIElement>({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => estimates[index] ?? 120,
    getItemKey,
    overscan: OVERSCAN,
    // A conversation opens at its end: start the range there rather than at the top.
    initialOffset: () => estimates.reduce((sum, height) => sum + height, 0),
    initialRect: { width: 0, height: window.innerHeight },
    // Row growth (a streaming reply) moves rows and resizes the list in the DOM directly,
    // without re-rendering the list; React renders only when the visible range changes.
    directDomUpdates: true,
    directDomUpdatesMode: 'position',
  });

  const listRef = useCallback(
    (node: HTMLOListElement | null) => {
      // Size the list first, so that following it can pin the scroller to its real end.
      virtualizer.containerRef(node);
      const unfollow = contentRef(node);
      return () => {
        virtualizer.containerRef(null);
        unfollow?.();
      };
    },
    [virtualizer, contentRef],
  );

  // The message being edited (↑ in the composer) may be out of view: bring it in.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the edited message changes
  useEffect(() => {
    const index = editingId ? rows.findIndex((row) => row.message.id === editingId) : -1;
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [editingId]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: only when another message is to be shown
  useEffect(() => {
    const index = revealId ? rows.findIndex((row) => row.message.id === revealId) : -1;
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'center' });
  }, [revealId]);

  return (
    <ol className="messages" aria-label="Messages" ref={listRef}>
      {virtualizer.getVirtualItems().map((item) => {
        const row = rows[item.index]!;
        return (
          <li
            key={item.key}
            data-index={item.index}
            ref={virtualizer.measureElement}
            className="message-row"
            aria-posinset={item.index + 1}
            aria-setsize={rows.length}
          >
            <MessageItem
              id={row.message.id}
              editing={row.message.id === editingId}
              found={row.message.id === revealId}
              position={row.position}
              count={row.count}
              prevId={row.prevId}
              nextId={row.nextId}
              preview={previewing ? row.message : undefined}
            />
          </li>
        );
      })}
    </ol>
  );
}
