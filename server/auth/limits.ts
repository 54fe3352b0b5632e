// The sign-in and sign-up rate limits, per IP and per email.
import { HttpError } from '../http/errors';
import { RateLimiter } from './rate-limit';

const MINUTE = 60_000;

export function createAuthLimits() {
  return {
    loginPerIp: new RateLimiter({ limit: 50, windowMs: 15 * MINUTE }),
    loginPerEmail: new RateLimiter({ limit: 10, windowMs: 15 * MINUTE }),
    signupPerIp: new RateLimiter({ limit: 20, windowMs: 60 * MINUTE }),
  };
}
export type AuthLimits = ReturnType<typeof createAuthLimits>;

/** Counts an attempt against every limiter given; throws 429 with Retry-After when any is spent. */
export function limitAttempt(checks: [RateLimiter, string][]): void {
  for (const [limiter, key] of checks) {
    const retryAfter = limiter.hit(key);
    if (retryAfter > 0) {
      const minutes = Math.ceil(retryAfter / 60);
      throw new HttpError(
        429,
        'rate_limited',
        `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        undefined,
        { 'Retry-After': String(retryAfter) },
      );
    }
  }
}
