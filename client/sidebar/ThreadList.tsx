// The sidebar's chats: grouped and virtualised (group headers
// are rows too) so that 10,000 chats scroll as smoothly as ten. One actions menu and one
// rename field at a time, both owned here so they survive their row scrolling away.
import { defaultRangeExtractor, type Range, useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { ThreadMeta as Thread } from '../../shared/docs/index-doc';
import type { RenameEnd } from '../chat/RenameField';
import { useSync } from '../sync/SyncProvider';
import { useMediaQuery } from '../ui/use-media-query';
import { useDeleteUndo } from './delete-undo';
import { flattenGroups, groupThreads, type ListRow } from './group-threads';
import { SEARCH_BUTTON_ID } from './SearchButton';
import { ThreadMenu } from './ThreadMenu';
import { MENU_ID, ThreadRow } from './ThreadRow';
import { useRowFocus } from './use-row-focus';
import { useStartOfToday, useThreads } from './use-threads';
import './sidebar.css';

const HEADER_HEIGHT = 34;

interface OpenMenu {
  thread: Thread;
  anchor: HTMLElement;
  focusLast: boolean;
}

export function ThreadList({ userId }: { userId: string }) {
  const sync = useSync();
  const threads = useThreads(userId);
  const { hidden, requestDelete } = useDeleteUndo();
  const today = useStartOfToday();
  // Finger-sized rows where the pointer is a finger.
  const rowHeight = useMediaQuery('(pointer: coarse)') ? 44 : 36;
  const [renamingId, setRenamingId] = useState<string | null>(null);
  const [menu, setMenu] = useState<OpenMenu | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);

  const rows = useMemo(() => {
    if (!threads) return [];
    const shown = hidden.size ? threads.filter((t) => !hidden.has(t.id)) : threads;
    return flattenGroups(groupThreads(shown, today));
  }, [threads, hidden, today]);
  const positions = useMemo(() => new Map(rows.map((row, i) => [row.key, i])), [rows]);

  const getItemKey = useCallback((i: number) => rows[i]?.key ?? i, [rows]);
  const estimateSize = useCallback(
    (i: number) => (rows[i]?.kind === 'header' ? HEADER_HEIGHT : rowHeight),
    [rows, rowHeight],
  );
  const keep = useRef<() => string | null>(() => null);
  // The focused row, and the one whose menu or rename field is open, stay drawn off screen.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const drawn = defaultRangeExtractor(range);
      const extra = [keep.current(), menu?.thread.id, renamingId]
        .map((key) => (key ? positions.get(key) : undefined))
        .filter((i): i is number => i !== undefined && !drawn.includes(i));
      return extra.length ? [...drawn, ...extra].sort((a, b) => a - b) : drawn;
    },
    [positions, menu, renamingId],
  );
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey,
    rangeExtractor,
    overscan: 10,
  });

  const focus = useRowFocus(scrollRef, (key) => {
    const at = positions.get(key);
    if (at === undefined) return false;
    virtualizer.scrollToIndex(at, { align: 'auto' });
    return true;
  });
  keep.current = focus.keptKey;

  const onStartRename = useCallback((id: string) => setRenamingId(id), []);
  const onRenameDone = useCallback(
    (thread: Thread, title: string | null, how: RenameEnd) => {
      if (sync && title && title !== thread.title)
        sync.engine.renameThread(sync.manager.index.doc, thread.id, title, Date.now());
      setRenamingId(null);
      if (how !== 'blur') focus.focusRow(thread.id, 'link');
    },
    [sync, focus.focusRow],
  );
  const onOpenMenu = useCallback((thread: Thread, anchor: HTMLElement, focusLast: boolean) => {
    setMenu((open) => (open?.thread.id === thread.id ? null : { thread, anchor, focusLast }));
  }, []);
  const closeMenu = useCallback(
    (returnFocus: boolean) => {
      if (returnFocus && menu) focus.focusRow(menu.thread.id, 'menu');
      setMenu(null);
    },
    [menu, focus.focusRow],
  );

  const deleteAndMoveOn = (thread: Thread) => {
    // Focus goes to the next chat (or the one before); with none left, to search.
    const at = positions.get(thread.id) ?? -1;
    const after = rows.slice(at + 1).find(isThread) ?? rows.slice(0, Math.max(at, 0)).reverse().find(isThread);
    setMenu(null);
    requestDelete(thread);
    if (after) focus.focusRow(after.key, 'link');
    else document.getElementById(SEARCH_BUTTON_ID)?.focus();
  };

  let message: string | null = null;
  if (threads === undefined) message = 'Loading chats…';
  else if (rows.length === 0) message = 'No chats yet';

  return (
    <>
      <div className="thread-scroll" ref={scrollRef}>
        {message ? (
          <p className="sidebar-empty" role={threads === undefined ? undefined : 'status'}>
            {message}
          </p>
        ) : (
          <ul className="thread-list" aria-label="Chats" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index];
              if (!row) return null;
              return (
                <li
                  key={row.key}
                  data-key={row.key}
                  className={row.kind === 'header' ? 'thread-group' : 'thread-item'}
                  style={{ height: item.size, transform: `translateY(${item.start}px)` }}
                >
                  {row.kind === 'header' ? (
                    <h3 className="thread-group-label">{row.label}</h3>
                  ) : (
                    <ThreadRow
                      thread={row.thread}
                      renaming={renamingId === row.thread.id}
                      menuOpen={menu?.thread.id === row.thread.id}
                      editable={sync !== null}
                      onStartRename={onStartRename}
                      onRenameDone={onRenameDone}
                      onOpenMenu={onOpenMenu}
                    />
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </div>
      {menu && sync && (
        <ThreadMenu
          id={MENU_ID}
          anchor={menu.anchor}
          label={`Actions for ${menu.thread.title}`}
          focusLast={menu.focusLast}
          onClose={closeMenu}
          actions={[
            {
              label: 'Rename',
              run: () => {
                setMenu(null);
                setRenamingId(menu.thread.id);
              },
            },
            {
              label: menu.thread.pinned ? 'Unpin' : 'Pin',
              run: () => {
                sync.engine.pinThread(sync.manager.index.doc, menu.thread.id, !menu.thread.pinned, Date.now());
                closeMenu(true);
              },
            },
            { label: 'Delete', danger: true, run: () => deleteAndMoveOn(menu.thread) },
          ]}
        />
      )}
    </>
  );
}

const isThread = (row: ListRow<Thread>): row is Extract<ListRow<Thread>, { kind: 'thread' }> => row.kind === 'thread';
