// Create an account: name, email and password, checked with the shared validators first.
import { useCallback } from 'react';
import { Link } from 'react-router';
import { PASSWORD_RULE, signupInput } from '../../shared/api/auth';
import { api } from '../api';
import { Banner } from '../ui/Banner';
import { Field } from '../ui/Field';
import { text, useSubmit } from '../ui/use-submit';
import { validate } from '../ui/validate';
import { AuthLayout } from './AuthLayout';
import { sessionStore } from './session-store';

export default function SignUpPage() {
  const submit = useSubmit(
    useCallback(async (data: FormData) => {
      const body = validate(signupInput, {
        name: text(data, 'name'),
        email: text(data, 'email'),
        password: text(data, 'password'),
      });
      const { user } = await api('POST /api/auth/signup', { body });
      await sessionStore.signedIn(user); // GuestOnly takes the person into the app
    }, []),
  );

  return (
    <AuthLayout
      title="Create your account"
      subtitle="Your chats live on this device and sync to your server."
      footer={
        <>
          Already have an account? <Link to="/signin">Sign in</Link>
        </>
      }
    >
      <form className="form" onSubmit={submit.onSubmit} noValidate aria-busy={submit.busy}>
        {submit.error && <Banner tone="error">{submit.error}</Banner>}
        <Field label="Name" name="name" autoComplete="name" required error={submit.fields.name} />
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          required
          error={submit.fields.email}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint={PASSWORD_RULE}
          error={submit.fields.password}
        />
        <button type="submit" className="button button-primary button-block" disabled={submit.busy}>
          {submit.busy ? 'Creating account…' : 'Create account'}
        </button>
      </form>
    </AuthLayout>
  );
}
