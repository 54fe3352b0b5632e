// Change password: current and new, checked with the shared validator before sending.
import { useCallback, useRef, useState } from 'react';
import { PASSWORD_RULE, passwordChangeInput } from '../../shared/api/auth';
import { api } from '../api';
import { Banner } from '../ui/Banner';
import { Field } from '../ui/Field';
import { text, useSubmit } from '../ui/use-submit';
import { validate } from '../ui/validate';

export function ChangePasswordForm({ email, onChanged }: { email: string; onChanged: () => void }) {
  const [done, setDone] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const submit = useSubmit(
    useCallback(
      async (data: FormData) => {
        setDone(false);
        const body = validate(passwordChangeInput, {
          currentPassword: text(data, 'currentPassword'),
          newPassword: text(data, 'newPassword'),
        });
        await api('POST /api/auth/password', { body });
        formRef.current?.reset();
        setDone(true);
        onChanged();
      },
      [onChanged],
    ),
  );

  return (
    <form
      ref={formRef}
      className="form"
      onSubmit={submit.onSubmit}
      onChange={() => setDone(false)}
      noValidate
      aria-busy={submit.busy}
    >
      {done && <Banner tone="success">Password changed. Other devices were signed out.</Banner>}
      {submit.error && <Banner tone="error">{submit.error}</Banner>}
      {/* Lets password managers tie the new password to the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        error={submit.fields.currentPassword}
      />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        hint={PASSWORD_RULE}
        error={submit.fields.newPassword}
      />
      <button type="submit" className="button button-primary" disabled={submit.busy}>
        {submit.busy ? 'Changing password…' : 'Change password'}
      </button>
    </form>
  );
}
