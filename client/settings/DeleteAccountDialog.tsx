// Confirms account deletion with the password, then wipes this device and goes to sign-up.
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { deleteAccountInput } from '../../shared/api/auth';
import { api } from '../api';
import { sessionStore } from '../auth/session-store';
import { Banner } from '../ui/Banner';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { text, useSubmit } from '../ui/use-submit';
import { validate } from '../ui/validate';

interface DeleteAccountDialogProps {
  open: boolean;
  email: string;
  onClose: () => void;
}

export function DeleteAccountDialog({ open, email, onClose }: DeleteAccountDialogProps) {
  const navigate = useNavigate();
  const submit = useSubmit(
    useCallback(
      async (data: FormData) => {
        const body = validate(deleteAccountInput, { password: text(data, 'password') });
        await api('DELETE /api/account', { body });
        await sessionStore.accountDeleted();
        navigate('/signup', { replace: true });
      },
      [navigate],
    ),
  );
  const { reset } = submit;
  const close = useCallback(() => {
    reset();
    onClose();
  }, [reset, onClose]);

  return (
    <Dialog open={open} title="Delete your account?" onClose={close}>
      <form className="form" onSubmit={submit.onSubmit} noValidate aria-busy={submit.busy}>
        <p>
          This deletes your account, every chat and all your settings from the server, and everything Hearth stored on
          this device. It can't be undone.
        </p>
        {submit.error && <Banner tone="error">{submit.error}</Banner>}
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={submit.fields.password}
        />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="button button-danger-solid" disabled={submit.busy}>
            {submit.busy ? 'Deleting…' : 'Delete account'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
