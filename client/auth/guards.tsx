// Route guards: the app needs an active session; the sign-in pages are for everyone else.
// Signing in or up only makes the session active: GuestOnly then takes the person into the
// app, the one navigation (a second one would move focus to the page again, after the person
// may already have moved it).
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from './use-session';

export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'loading') return null; // reading IndexedDB takes milliseconds
  if (session.status !== 'active') {
    return <Navigate to="/signin" replace state={{ from: location.pathname + location.search }} />;
  }
  return children;
}

/** Where to go after signing in: back to the page that sent us here, if it was in the app. */
function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : '/';
}

export function GuestOnly({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'loading') return null;
  if (session.status === 'active') return <Navigate to={returnPath(location.state)} replace />;
  return children;
}
