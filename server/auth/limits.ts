// How often a password may be tried: sign-ups per address; sign-in guesses slowed per
// (account, address) or per known device, with a looser cap per account for browsers it
// has never used; password checks of a signed-in session slowed per session.
import { HttpError } from '../http/errors';
import type { Listener } from '../http/request-info';
import { DeviceCookies } from './device-cookie';
import { FailureThrottle } from './login-throttle';
import { sessionKey } from './lucia';
import { RateLimiter } from './rate-limit';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

export function createAuthLimits(options: { masterKey: Buffer; listener: Listener; now?: () => number }) {
  const now = options.now ?? Date.now;
  return {
    loginPerIp: new RateLimiter({ limit: 50, windowMs: 15 * MINUTE }, now),
    signupPerIp: new RateLimiter({ limit: 20, windowMs: 60 * MINUTE }, now),
    /** Guesses from one place: an account from one address, a known device, or a session. */
    guesses: new FailureThrottle({ free: 5, baseDelayMs: SECOND, maxDelayMs: 15 * MINUTE, forgetAfterMs: DAY }, now),
    /** Every guess at one account from browsers it never signed in on: stops guessing from many addresses. */
    accountGuesses: new FailureThrottle(
      { free: 50, baseDelayMs: MINUTE, maxDelayMs: 60 * MINUTE, forgetAfterMs: DAY },
      now,
    ),
    devices: new DeviceCookies(options.masterKey, options.listener),
  };
}
export type AuthLimits = ReturnType<typeof createAuthLimits>;

/** Counts an attempt against every limiter given; throws 429 with Retry-After when any is spent. */
export function limitAttempt(checks: [RateLimiter, string][]): void {
  for (const [limiter, key] of checks) {
    const retryAfter = limiter.hit(key);
    if (retryAfter > 0) throw tooMany(retryAfter, 'Too many attempts.');
  }
}

/**
 * Before a password check: throws 429 with Retry-After when any key must still wait;
 * otherwise counts the attempt as a failure under every key (the caller takes it back
 * when the password is right).
 */
export function throttleGuess(checks: [FailureThrottle, string][]): void {
  const waitMs = Math.max(0, ...checks.map(([throttle, key]) => throttle.waitMs(key)));
  if (waitMs > 0) throw tooMany(Math.ceil(waitMs / 1000), 'Too many wrong passwords.');
  for (const [throttle, key] of checks) throttle.fail(key);
}

function tooMany(retryAfterSeconds: number, what: string): HttpError {
  const wait =
    retryAfterSeconds < 60
      ? `${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}`
      : `${Math.ceil(retryAfterSeconds / 60)} minute${Math.ceil(retryAfterSeconds / 60) === 1 ? '' : 's'}`;
  return new HttpError(429, 'rate_limited', `${what} Try again in ${wait}.`, undefined, {
    'Retry-After': String(retryAfterSeconds),
  });
}

/** The key for guesses at the current password from one signed-in session (password change, deletion). */
export const sessionGuessKey = (sessionToken: string) => `session:${sessionKey(sessionToken)}`;
