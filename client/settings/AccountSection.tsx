// Account: who you are, change password, sign out, delete the account.
import { useState } from 'react';
import { useSession } from '../auth/use-session';
import { useSignOut } from '../auth/use-sign-out';
import { ChangePasswordForm } from './ChangePasswordForm';
import { DeleteAccountDialog } from './DeleteAccountDialog';

export function AccountSection({ onPasswordChanged }: { onPasswordChanged: () => void }) {
  const session = useSession();
  const { signOut, busy, error } = useSignOut();
  const [deleting, setDeleting] = useState(false);
  if (session.status !== 'active') return null;
  const { user } = session;

  return (
    <section id="account" className="card" aria-labelledby="account-heading">
      <h2 id="account-heading">Account</h2>
      <dl className="facts">
        <div>
          <dt>Name</dt>
          <dd>{user.name}</dd>
        </div>
        <div>
          <dt>Email</dt>
          <dd>{user.email}</dd>
        </div>
      </dl>

      <h3>Change password</h3>
      <ChangePasswordForm email={user.email} onChanged={onPasswordChanged} />

      <h3>Sign out</h3>
      <p className="muted">Signs out this device. Your chats stay on it.</p>
      <button type="button" className="button" onClick={signOut} disabled={busy}>
        {busy ? 'Signing out…' : 'Sign out'}
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}

      <h3>Delete account</h3>
      <p className="muted">
        Deletes your account and everything in it, on the server and on this device. This can't be undone.
      </p>
      <button type="button" className="button button-danger" onClick={() => setDeleting(true)}>
        Delete account…
      </button>
      <DeleteAccountDialog open={deleting} email={user.email} onClose={() => setDeleting(false)} />
    </section>
  );
}
