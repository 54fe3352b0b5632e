// Sign in with email and password; also where an expired session lands, with its email filled in.
import { useCallback } from 'react';
import { Link } from 'react-router';
import { loginInput } from '../../shared/api/auth';
import { api } from '../api';
import { Banner } from '../ui/Banner';
import { Field } from '../ui/Field';
import { text, useSubmit } from '../ui/use-submit';
import { validate } from '../ui/validate';
import { AuthLayout } from './AuthLayout';
import { sessionStore } from './session-store';
import { useSession } from './use-session';

export default function SignInPage() {
  const session = useSession();
  const expired = session.status === 'expired' ? session.user : null;
  const submit = useSubmit(
    useCallback(async (data: FormData) => {
      const body = validate(loginInput, { email: text(data, 'email'), password: text(data, 'password') });
      const { user } = await api('POST /api/auth/login', { body });
      await sessionStore.signedIn(user); // GuestOnly takes the person back where they were
    }, []),
  );

  return (
    <AuthLayout
      title="Sign in"
      subtitle="Welcome back to Hearth."
      footer={
        <>
          New here? <Link to="/signup">Create an account</Link>
        </>
      }
    >
      <form className="form" onSubmit={submit.onSubmit} noValidate aria-busy={submit.busy}>
        {expired && !submit.error && (
          <Banner tone="info">
            Your session has expired — sign in again. Everything on this device is still here.
          </Banner>
        )}
        {submit.error && <Banner tone="error">{submit.error}</Banner>}
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          required
          defaultValue={expired?.email}
          error={submit.fields.email}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={submit.fields.password}
        />
        <button type="submit" className="button button-primary button-block" disabled={submit.busy}>
          {submit.busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </AuthLayout>
  );
}
