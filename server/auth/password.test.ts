import { describe, expect, it } from 'vitest';
import { loginInput, PASSWORD_RULE, passwordSchema, signupInput } from '../../shared/api/auth';
import { hashPassword, verifyNothing, verifyPassword } from './password';

describe('password hashing', () => {
  it('hashes with argon2id and verifies only the right password', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(stored, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(stored, 'correct horse batterY')).toBe(false);
  });

  it('salts each hash', async () => {
    expect(await hashPassword('same password here')).not.toBe(await hashPassword('same password here'));
  });

  it('verifyNothing always fails', async () => {
    expect(await verifyNothing('anything at all')).toBe(false);
  });
});

describe('password rules', () => {
  it('states the rule in the error', () => {
    const result = passwordSchema.safeParse('short');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(PASSWORD_RULE);
  });

  it('refuses all-space and over-long passwords, accepts a passphrase', () => {
    expect(passwordSchema.safeParse(' '.repeat(12)).success).toBe(false);
    expect(passwordSchema.safeParse('x'.repeat(257)).success).toBe(false);
    expect(passwordSchema.safeParse('a long passphrase').success).toBe(true);
  });

  it('normalises the email at sign-up and sign-in', () => {
    const signup = signupInput.parse({ email: '  Ada@Example.COM ', password: 'analytical engine', name: ' Ada ' });
    expect(signup).toEqual({ email: 'ada@example.com', password: 'analytical engine', name: 'Ada' });
    expect(loginInput.parse({ email: 'ADA@example.com', password: 'x' }).email).toBe('ada@example.com');
  });

  it('names the bad field', () => {
    const result = signupInput.safeParse({ email: 'not-an-email', password: 'analytical engine', name: 'Ada' });
    expect(result.error?.issues[0]?.path).toEqual(['email']);
  });
});
