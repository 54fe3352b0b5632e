// The signed-in app: sidebar and main pane side by side; on narrow screens the sidebar is
// a drawer behind a menu button, and while it is open the rest of the page is inert.
import { Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { Outlet, useLocation } from 'react-router';
import { useSession } from '../auth/use-session';
import { SyncProvider } from '../sync/SyncProvider';
import { trapTab } from '../ui/focus-trap';
import { Logo } from '../ui/Logo';
import { PageLoading } from './RootLayout';
import { Sidebar } from './Sidebar';
import { useFocusOnNavigate } from './use-focus-on-navigate';
import { useMediaQuery } from './use-media-query';

export function AppLayout() {
  const session = useSession();
  const narrow = useMediaQuery('(max-width: 767px)');
  const [drawerOpen, setDrawerOpen] = useState(false);
  const menuRef = useRef<HTMLButtonElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const mainRef = useRef<HTMLElement>(null);
  const sidebarRef = useRef<HTMLElement>(null);
  useFocusOnNavigate(mainRef);
  const location = useLocation();
  const drawer = narrow && drawerOpen;

  const restoreFocus = useRef(false);

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

  // Following a link closes the drawer; growing the window past the breakpoint does too.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation on purpose
  useEffect(() => setDrawerOpen(false), [location.pathname, narrow]);

  useEffect(() => {
    if (!drawer) return;
    closeRef.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') closeDrawer();
      trapTab(event, sidebarRef.current);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [drawer, closeDrawer]);

  if (session.status !== 'active') return null; // RequireSession guards this route
  return (
    <SyncProvider userId={session.user.id}>
      <div className={`app ${drawer ? 'drawer-open' : ''}`}>
        <header className="topbar" inert={drawer}>
          <button
            type="button"
            className="icon-button"
            ref={menuRef}
            onClick={() => setDrawerOpen(true)}
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
          <Sidebar user={session.user} onClose={narrow ? closeDrawer : undefined} closeRef={closeRef} />
        </nav>
        {drawer && <div className="scrim" onClick={closeDrawer} aria-hidden="true" />}
        <main id="main" className="main" tabIndex={-1} inert={drawer} ref={mainRef}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </SyncProvider>
  );
}
