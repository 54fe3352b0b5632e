// The sidebar: brand, new chat, search and the chats, then storage and sync status,
// settings, the shortcuts sheet, and who is signed in.
import type { Ref } from 'react';
import { NavLink } from 'react-router';
import type { User } from '../../shared/api/auth';
import { useSignOut } from '../auth/use-sign-out';
import { SyncIndicator } from '../sync/SyncIndicator';
import { Logo } from '../ui/Logo';
import { ariaShortcut, SHORTCUTS } from '../ui/shortcuts';
import { NewChatButton } from './NewChatButton';
import { SearchButton } from './SearchButton';
import { StorageWarning } from './StorageWarning';
import { ThreadList } from './ThreadList';

interface SidebarProps {
  user: User;
  /** Shown only when the sidebar is a drawer on narrow screens. */
  onClose?: (() => void) | undefined;
  closeRef?: Ref<HTMLButtonElement>;
  onShowShortcuts: () => void;
  onOpenSearch: () => void;
}

export function Sidebar({ user, onClose, closeRef, onShowShortcuts, onOpenSearch }: SidebarProps) {
  const { signOut, busy, error } = useSignOut();
  return (
    <>
      <div className="sidebar-header">
        <NavLink to="/" className="brand" end>
          <Logo />
          <span>Hearth</span>
        </NavLink>
        {onClose && (
          <button type="button" className="icon-button" onClick={onClose} ref={closeRef} aria-label="Close menu">
            <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
              <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
            </svg>
          </button>
        )}
      </div>

      <div className="sidebar-actions">
        <NewChatButton />
        <SearchButton onOpen={onOpenSearch} />
      </div>
      <section className="sidebar-chats" aria-labelledby="chats-heading">
        <h2 id="chats-heading" className="visually-hidden">
          Chats
        </h2>
        <ThreadList userId={user.id} />
      </section>

      <div className="sidebar-footer">
        <StorageWarning />
        <SyncIndicator />
        <div className="sidebar-row">
          <NavLink to="/settings" className="sidebar-link">
            <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
              <circle cx="12" cy="12" r="3" fill="none" stroke="currentColor" strokeWidth="2" />
              <path
                d="M12 2v3M12 19v3M4.9 4.9l2.1 2.1M17 17l2.1 2.1M2 12h3M19 12h3M4.9 19.1L7 17M17 7l2.1-2.1"
                stroke="currentColor"
                strokeWidth="2"
                strokeLinecap="round"
              />
            </svg>
            Settings
          </NavLink>
          <button
            type="button"
            className="icon-button"
            onClick={onShowShortcuts}
            aria-label="Keyboard shortcuts"
            aria-keyshortcuts={ariaShortcut(SHORTCUTS.showShortcuts)}
            title="Keyboard shortcuts (?)"
          >
            <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
              <rect x="2.5" y="6" width="19" height="12" rx="2" fill="none" stroke="currentColor" strokeWidth="1.8" />
              <path
                d="M6 10h.01M9.5 10h.01M13 10h.01M16.5 10h1.5M7 14h10"
                stroke="currentColor"
                strokeWidth="1.8"
                strokeLinecap="round"
              />
            </svg>
          </button>
        </div>
        <div className="sidebar-row">
          <div className="user-card">
            <span className="avatar" aria-hidden="true">
              {user.name.trim().charAt(0).toUpperCase() || '?'}
            </span>
            <span className="user-text">
              <span className="user-name" data-testid="user-name">
                {user.name}
              </span>
              <span className="user-email">{user.email}</span>
            </span>
          </div>
          <button
            type="button"
            className="icon-button"
            onClick={signOut}
            disabled={busy}
            aria-label="Sign out"
            title={busy ? 'Signing out…' : 'Sign out'}
          >
            <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
              <path
                d="M10 4H6a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h4M15 8l4 4-4 4M19 12H9"
                fill="none"
                stroke="currentColor"
                strokeWidth="2"
                strokeLinecap="round"
                strokeLinejoin="round"
              />
            </svg>
          </button>
        </div>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </>
  );
}
