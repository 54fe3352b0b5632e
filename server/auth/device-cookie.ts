// Device cookies (OWASP's defence against lockout by strangers): a browser where an account
// has signed in gets a signed cookie naming that account. Its sign-ins then count only their
// own failures, so a stranger guessing the password elsewhere cannot lock the owner out of a
// device they already use.
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { honoHeaders, isHttps, type Listener } from '../http/request-info';

const NAME = 'hearth_device';
const MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/** The device a valid cookie names: which account signed in on it, and the cookie's own id. */
export interface KnownDevice {
  userId: string;
  id: string;
}

export class DeviceCookies {
  private readonly key: Buffer;

  constructor(
    masterKey: Buffer,
    private readonly listener: Listener,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', masterKey, 'hearth', 'device-cookie', 32));
  }

  /** Marks this browser as one `userId` signed in on (a fresh id each time). */
  issue(c: Context, userId: string): void {
    const payload = `${userId}.${randomBytes(16).toString('base64url')}`;
    setCookie(c, NAME, `${payload}.${this.sign(payload)}`, {
      path: '/api',
      httpOnly: true,
      sameSite: 'Strict',
      secure: isHttps(honoHeaders(c), this.listener),
      maxAge: MAX_AGE_SECONDS,
    });
  }

  /** The device the request's cookie names, when the cookie is ours and unaltered. */
  read(c: Context): KnownDevice | undefined {
    const [userId, id, mac, ...rest] = (getCookie(c, NAME) ?? '').split('.');
    if (!userId || !id || !mac || rest.length > 0) return undefined;
    const expected = Buffer.from(this.sign(`${userId}.${id}`));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    return { userId, id };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
