// Devices: every signed-in session, with "This device" marked and a sign-out for each.
import { useState } from 'react';
import type { SessionInfo } from '../../shared/api/auth';
import { api, errorMessage, NetworkError } from '../api';
import { useSignOut } from '../auth/use-sign-out';
import { Banner } from '../ui/Banner';
import { absoluteTime, relativeTime } from './relative-time';
import { useSessions } from './use-sessions';

export function DevicesSection({ version }: { version: number }) {
  const { state, reload } = useSessions(version);
  return (
    <section id="devices" className="card" aria-labelledby="devices-heading" aria-busy={state.status === 'loading'}>
      <h2 id="devices-heading">Devices</h2>
      <p className="muted">Where your account is signed in. Sign out a device you don't recognise.</p>
      {state.status === 'loading' && <p className="muted">Loading devices…</p>}
      {state.status === 'error' && (
        <Banner tone="error">
          {state.error instanceof NetworkError
            ? "You're offline. Connect to see your devices."
            : errorMessage(state.error)}{' '}
          <button type="button" className="link-button" onClick={reload}>
            Try again
          </button>
        </Banner>
      )}
      {state.status === 'ready' && state.sessions.length === 0 && <p className="muted">No devices are signed in.</p>}
      {state.status === 'ready' && state.sessions.length > 0 && (
        <ul className="device-list" aria-label="Signed-in devices">
          {state.sessions.map((session) => (
            <DeviceRow key={session.id} session={session} onRevoked={reload} />
          ))}
        </ul>
      )}
    </section>
  );
}

function DeviceRow({ session, onRevoked }: { session: SessionInfo; onRevoked: () => void }) {
  const signOut = useSignOut();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function revoke() {
    // Revoking this device's own session is signing out, with the same clean-up.
    if (session.current) return signOut.signOut();
    setBusy(true);
    setError(null);
    api('DELETE /api/auth/sessions/:id', { params: { id: session.id } })
      .then(onRevoked)
      .catch((caught: unknown) => setError(errorMessage(caught)))
      .finally(() => setBusy(false));
  }

  const pending = busy || signOut.busy;
  const problem = error ?? signOut.error;
  return (
    <li className="device" data-testid="device">
      <div className="device-main">
        <p className="device-name">
          {session.device}
          {session.current && <span className="badge">This device</span>}
        </p>
        <p className="device-times muted">
          Signed in{' '}
          <time dateTime={new Date(session.createdAt).toISOString()} title={absoluteTime(session.createdAt)}>
            {relativeTime(session.createdAt)}
          </time>
          {' · '}
          Last active{' '}
          <time dateTime={new Date(session.lastSeenAt).toISOString()} title={absoluteTime(session.lastSeenAt)}>
            {relativeTime(session.lastSeenAt)}
          </time>
        </p>
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
      </div>
      <button
        type="button"
        className="button button-small"
        onClick={revoke}
        disabled={pending}
        aria-label={session.current ? 'Sign out this device' : `Sign out ${session.device}`}
      >
        {pending ? 'Signing out…' : 'Sign out'}
      </button>
    </li>
  );
}
