// Reads the session cookie on every request, keeps it sliding, and starts and ends sessions.
// The cookie lives exactly as long as its session (30 days, renewed as lucia extends it), so
// closing the browser does not sign anyone out.
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Session, User } from 'lucia';
import type { Db } from '../db/open';
import type { AppEnv } from '../http/context';
import { HttpError } from '../http/errors';
import { honoHeaders, isHttps, type Listener } from '../http/request-info';
import type { Auth } from './lucia';
import { sessionKey } from './lucia';

const LAST_SEEN_EVERY_MS = 60_000;

export class Sessions {
  private readonly touch;

  constructor(
    readonly auth: Auth,
    db: Db,
    private readonly listener: Listener,
  ) {
    this.touch = db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?');
  }

  /** Middleware: sets `user` and `session` from the cookie (or null), refreshing the cookie as it slides. */
  middleware(): MiddlewareHandler<AppEnv> {
    return async (c, next) => {
      c.set('user', null);
      c.set('session', null);
      const token = getCookie(c, this.auth.sessionCookieName);
      if (token) {
        const { session, user } = await this.auth.validateSession(token);
        if (!session) this.clearCookie(c);
        else {
          const now = Date.now();
          const seenAgain = now - session.lastSeenAt > LAST_SEEN_EVERY_MS;
          if (seenAgain) this.touch.run(now, sessionKey(session.id));
          // Also once a minute in use: an extension made on a sync socket, which cannot set
          // cookies, reaches the browser with the next request.
          if (session.fresh || seenAgain) this.setCookie(c, session);
          c.set('user', user);
          c.set('session', session);
        }
      }
      await next();
    };
  }

  async start(c: Context<AppEnv>, userId: string): Promise<Session> {
    const now = Date.now();
    const userAgent = (c.req.header('user-agent') ?? '').slice(0, 512);
    const session = await this.auth.createSession(userId, { createdAt: now, lastSeenAt: now, userAgent });
    this.setCookie(c, session);
    return session;
  }

  clearCookie(c: Context): void {
    deleteCookie(c, this.auth.sessionCookieName, { path: '/', secure: isHttps(honoHeaders(c), this.listener) });
  }

  /** Sets the cookie to expire with the session: sent again whenever lucia extends it (`fresh`). */
  private setCookie(c: Context, session: Session): void {
    setCookie(c, this.auth.sessionCookieName, session.id, {
      path: '/',
      httpOnly: true,
      sameSite: 'Lax',
      secure: isHttps(honoHeaders(c), this.listener),
      expires: session.expiresAt,
      maxAge: Math.max(0, Math.floor((session.expiresAt.getTime() - Date.now()) / 1000)),
    });
  }
}

/** The signed-in user and session, or a 401 the client turns into "sign in again". */
export function requireUser(c: Context<AppEnv>): { user: User; session: Session } {
  const user = c.get('user');
  const session = c.get('session');
  if (!user || !session) throw new HttpError(401, 'unauthorized', 'You are signed out. Sign in to continue.');
  return { user, session };
}
