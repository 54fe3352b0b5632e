// Account and session contract: the input validators both sides use and the shapes the
// server answers with.
import { z } from 'zod';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;
export const PASSWORD_RULE = `Use ${PASSWORD_MIN} to ${PASSWORD_MAX} characters, not all spaces.`;

/** Trims and lower-cases an email so that one address maps to one account. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const emailSchema = z
  .string({ error: 'Enter your email address.' })
  .transform(normaliseEmail)
  .pipe(z.email({ error: 'Enter a valid email address, like name@example.com.' }).max(254));

export const passwordSchema = z
  .string({ error: 'Enter a password.' })
  .min(PASSWORD_MIN, { error: `Password too short. ${PASSWORD_RULE}` })
  .max(PASSWORD_MAX, { error: `Password too long. ${PASSWORD_RULE}` })
  .refine((p) => p.trim().length > 0, { error: `Password is all spaces. ${PASSWORD_RULE}` });

export const nameSchema = z
  .string({ error: 'Enter your name.' })
  .trim()
  .min(1, { error: 'Enter your name.' })
  .max(100, { error: 'Use at most 100 characters for your name.' });

export const signupInput = z.object({ email: emailSchema, password: passwordSchema, name: nameSchema });
export type SignupInput = z.input<typeof signupInput>;

/** Sign-in checks only presence: the rules may have changed since the password was set. */
export const loginInput = z.object({
  email: emailSchema,
  password: z.string({ error: 'Enter your password.' }).min(1, { error: 'Enter your password.' }).max(PASSWORD_MAX),
});
export type LoginInput = z.input<typeof loginInput>;

export const passwordChangeInput = z.object({
  currentPassword: z
    .string({ error: 'Enter your current password.' })
    .min(1, { error: 'Enter your current password.' }),
  newPassword: passwordSchema,
});
export type PasswordChangeInput = z.input<typeof passwordChangeInput>;

export const deleteAccountInput = z.object({
  password: z.string({ error: 'Enter your password to confirm.' }).min(1, { error: 'Enter your password to confirm.' }),
});
export type DeleteAccountInput = z.input<typeof deleteAccountInput>;

/** The signed-in user as the client sees it. */
export interface User {
  id: string;
  email: string;
  name: string;
  createdAt: number;
}

/** One signed-in device. Times are milliseconds since the epoch. */
export interface SessionInfo {
  id: string;
  device: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  current: boolean;
}

export interface MeResponse {
  user: User;
}
export interface SessionsResponse {
  sessions: SessionInfo[];
}
export interface OkResponse {
  ok: true;
}
