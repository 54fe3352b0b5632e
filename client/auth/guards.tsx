// Route guards: the app needs an active session; the sign-in pages are for everyone else.
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

export function GuestOnly({ children }: { children: ReactNode }) {
  const session = useSession();
  if (session.status === 'loading') return null;
  if (session.status === 'active') return <Navigate to="/" replace />;
  return children;
}
