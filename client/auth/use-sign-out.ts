// Signing out from a button: busy state, and a message when it cannot happen (offline).
import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage, NetworkError } from '../api';
import { sessionStore } from './session-store';

export function useSignOut(): { signOut: () => void; busy: boolean; error: string | null } {
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const signOut = useCallback(() => {
    setBusy(true);
    setError(null);
    sessionStore
      .signOut()
      .then(() => navigate('/signin', { replace: true }))
      .catch((caught: unknown) => {
        // The session cookie can only be ended by the server, so offline we must say so.
        setError(caught instanceof NetworkError ? "You're offline. Connect to sign out." : errorMessage(caught));
      })
      .finally(() => setBusy(false));
  }, [navigate]);

  return { signOut, busy, error };
}
