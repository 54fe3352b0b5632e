// The signed-in app: sidebar and main pane side by side; on narrow screens the sidebar is
// a drawer behind a menu button, and while it is open the rest of the page is inert.
// Also home to the app-wide keyboard shortcuts, search and the undo notice for deleted chats.
import { Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Outlet, useLocation } from 'react-router';
import type { User } from '../../shared/api/auth';
import { useSession } from '../auth/use-session';
import { SearchProvider } from '../search/SearchProvider';
import { AppearanceFromSettings } from '../settings/AppearanceFromSettings';
import { DeleteUndoProvider, useDeleteUndo } from '../sidebar/delete-undo';
import { useNewChat } from '../sidebar/NewChatButton';
import { Sidebar } from '../sidebar/Sidebar';
import { UndoToast } from '../sidebar/UndoToast';
import { SyncProvider } from '../sync/SyncProvider';
import { trapTab } from '../ui/focus-trap';
import { Logo } from '../ui/Logo';
import { isTyping, matches, SHORTCUTS } from '../ui/shortcuts';
import { useFocusOnNavigate } from '../ui/use-focus-on-navigate';
import { useMediaQuery } from '../ui/use-media-query';
import { preloadThreadPageWhenIdle, SearchDialog } from './pages';
import { PageLoading } from './RootLayout';
import { ShortcutsDialog } from './ShortcutsDialog';
import { useShortcuts } from './use-shortcuts';

export function AppLayout() {
  const session = useSession();
  if (session.status !== 'active') return null; // RequireSession guards this route
  return (
    <SyncProvider userId={session.user.id}>
      <AppearanceFromSettings />
      <DeleteUndoProvider userId={session.user.id}>
        <SearchProvider userId={session.user.id}>
          <AppFrame user={session.user} />
        </SearchProvider>
      </DeleteUndoProvider>
    </SyncProvider>
  );
}

function AppFrame({ user }: { user: User }) {
  const narrow = useMediaQuery('(max-width: 767px)');
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [searchOpen, setSearchOpen] = useState(false);
  // Loaded the first time it opens, then kept, so closing it can give focus back.
  const [searchUsed, setSearchUsed] = useState(false);
  const openSearch = useCallback(() => {
    setSearchUsed(true);
    setSearchOpen(true);
  }, []);
  const menuRef = useRef<HTMLButtonElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const mainRef = useRef<HTMLElement>(null);
  // After a navigation focus moves to the main landmark, but not away from a field that
  // already takes typing: one in the sidebar (double-clicking a chat both opens and renames
  // it), or the new page's own (New chat puts the cursor in the home composer).
  const navigateFocus = useMemo(
    () => ({
      get current() {
        return isTyping(document.activeElement) ? null : mainRef.current;
      },
    }),
    [],
  );
  const sidebarRef = useRef<HTMLElement>(null);
  useFocusOnNavigate(navigateFocus);
  useEffect(preloadThreadPageWhenIdle, []);
  const location = useLocation();
  const newChat = useNewChat();
  const { undo } = useDeleteUndo();
  const drawer = narrow && drawerOpen;

  const restoreFocus = useRef(false);

  const openDrawer = useCallback(() => setDrawerOpen(true), []);

  const closeDrawer = useCallback(() => {
    restoreFocus.current = true;
    setDrawerOpen(false);
  }, []);

  // Back to the menu button once the drawer is closed (it is inert while the drawer is open).
  useEffect(() => {
    if (drawer || !restoreFocus.current) return;
    restoreFocus.current = false;
    menuRef.current?.focus();
  }, [drawer]);

  // Following a link closes the drawer (New chat at home too, which stays at the same
  // address); growing the window past the breakpoint does too.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation on purpose
  useEffect(() => setDrawerOpen(false), [location.key, narrow]);

  useEffect(() => {
    if (!drawer) return;
    closeRef.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      // A dialog opened from the drawer handles its own keys (Esc closes the dialog only).
      if (event.defaultPrevented || (event.target instanceof Element && event.target.closest('dialog'))) return;
      if (matches(event, SHORTCUTS.closeDrawer)) closeDrawer();
      trapTab(event, sidebarRef.current);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [drawer, closeDrawer]);

  useShortcuts({
    openSearch,
    newChat,
    showShortcuts: () => setShortcutsOpen(true),
    undoDelete: undo,
  });

  return (
    <div className={`app ${drawer ? 'drawer-open' : ''}`}>
      <header className="topbar" inert={drawer}>
        <button
          type="button"
          className="icon-button"
          ref={menuRef}
          onClick={openDrawer}
          aria-label="Open menu"
          aria-expanded={drawer}
          aria-controls="sidebar"
        >
          <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
            <path d="M4 7h16M4 12h16M4 17h16" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          </svg>
        </button>
        <span className="topbar-title">
          <Logo size={24} />
          Hearth
        </span>
      </header>
      <nav id="sidebar" className="sidebar" aria-label="Sidebar" inert={narrow && !drawerOpen} ref={sidebarRef}>
        <Sidebar
          user={user}
          onClose={narrow ? closeDrawer : undefined}
          closeRef={closeRef}
          onShowShortcuts={() => setShortcutsOpen(true)}
          onOpenSearch={openSearch}
        />
        {/* Inside the open drawer, where focus is trapped, so its Undo button stays reachable. */}
        {drawer && <UndoToast />}
      </nav>
      {drawer && <div className="scrim" onClick={closeDrawer} aria-hidden="true" />}
      <main id="main" className="main" tabIndex={-1} inert={drawer} ref={mainRef}>
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </main>
      {!drawer && <UndoToast />}
      <ShortcutsDialog open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
      {searchUsed && (
        <Suspense fallback={null}>
          <SearchDialog userId={user.id} open={searchOpen} onClose={() => setSearchOpen(false)} />
        </Suspense>
      )}
    </div>
  );
}
