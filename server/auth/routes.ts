// /api/auth: sign up, sign in, sign out, who am I, change password, list and revoke sessions.
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import {
  loginInput,
  type MeResponse,
  type OkResponse,
  passwordChangeInput,
  type SessionsResponse,
  signupInput,
  type User,
} from '../../shared/api/auth';
import type { AppEnv } from '../http/context';
import { HttpError, parseJson } from '../http/errors';
import { clientIp } from '../http/request-info';
import type { Services } from '../services';
import { deviceLabel } from './device-label';
import { limitAttempt, sessionGuessKey, throttleGuess } from './limits';
import { sessionKey } from './lucia';
import { hashPassword, verifyNothing, verifyPassword } from './password';
import { requireUser } from './session';

interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  created_at: number;
}

const toUser = (row: Pick<UserRow, 'id' | 'email' | 'name' | 'created_at'>): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  createdAt: row.created_at,
});

const WRONG_CREDENTIALS = 'That email and password do not match an account.';

export function authRoutes(s: Services) {
  const { db, sessions, limits } = s;
  const q = {
    byEmail: db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?'),
    byId: db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?'),
    count: db.prepare('SELECT count(*) FROM users').pluck(),
    insert: db.prepare('INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)'),
    setPassword: db.prepare('UPDATE users SET password_hash = ? WHERE id = ?'),
    sessions: db.prepare<
      [string, number],
      { id: string; created_at: number; last_seen_at: number; expires_at: number; user_agent: string }
    >(
      'SELECT id, created_at, last_seen_at, expires_at, user_agent FROM sessions WHERE user_id = ? AND expires_at > ? ORDER BY last_seen_at DESC',
    ),
    deleteSession: db.prepare('DELETE FROM sessions WHERE id = ? AND user_id = ?'),
    deleteOtherSessions: db.prepare('DELETE FROM sessions WHERE user_id = ? AND id != ?'),
  };

  const refuseClosedSignup = () => {
    if (s.config.signup === 'closed' && (q.count.get() as number) > 0) {
      throw new HttpError(403, 'signup_closed', 'Sign-up is closed on this server. Ask its owner for an account.');
    }
  };
  // One synchronous transaction: no other sign-up runs between the check and the insert.
  const insertUser = db.transaction((id: string, email: string, name: string, hash: string, createdAt: number) => {
    refuseClosedSignup();
    q.insert.run(id, email, name, hash, createdAt);
  });

  return new Hono<AppEnv>()
    .post('/signup', async (c) => {
      limitAttempt([[limits.signupPerIp, clientIp(c, s.config.trustProxy)]]);
      const input = await parseJson(c, signupInput);
      // Checked before hashing to spare the work, and again in the insert's transaction:
      // sign-ups that all passed the first check while hashing must not all get in.
      refuseClosedSignup();
      const passwordHash = await hashPassword(input.password);
      const id = randomBytes(16).toString('hex');
      const createdAt = Date.now();
      try {
        insertUser(id, input.email, input.name, passwordHash, createdAt);
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
          throw new HttpError(409, 'conflict', 'An account with that email already exists.', {
            email: 'An account with that email already exists. Sign in instead.',
          });
        }
        throw error;
      }
      limits.devices.issue(c, id);
      await sessions.start(c, id);
      c.get('log').info('account created', { userId: id });
      return c.json<MeResponse>(
        { user: toUser({ id, email: input.email, name: input.name, created_at: createdAt }) },
        201,
      );
    })
    .post('/login', async (c) => {
      const input = await parseJson(c, loginInput);
      const ip = clientIp(c, s.config.trustProxy);
      const row = q.byEmail.get(input.email);
      // A browser this account signed in on before counts only its own failures: guesses
      // from anywhere else cannot lock the owner out of it.
      const device = limits.devices.read(c);
      const known = row !== undefined && device?.userId === row.id;
      const guessKey = known ? `device:${device.id}` : `login:${JSON.stringify([input.email, ip])}`;
      if (known) throttleGuess([[limits.guesses, guessKey]]);
      else {
        limitAttempt([[limits.loginPerIp, ip]]);
        throttleGuess([
          [limits.guesses, guessKey],
          [limits.accountGuesses, input.email],
        ]);
      }
      const ok = row ? await verifyPassword(row.password_hash, input.password) : await verifyNothing(input.password);
      if (!row || !ok) throw new HttpError(401, 'unauthorized', WRONG_CREDENTIALS);
      limits.guesses.reset(guessKey);
      if (!known) limits.accountGuesses.undo(input.email);
      limits.devices.issue(c, row.id);
      await sessions.start(c, row.id);
      return c.json<MeResponse>({ user: toUser(row) });
    })
    .post('/logout', async (c) => {
      const session = c.get('session');
      if (session) {
        await sessions.auth.invalidateSession(session.id);
        s.events.emit('sessions-changed', session.userId);
      }
      sessions.clearCookie(c);
      return c.json<OkResponse>({ ok: true });
    })
    .get('/me', (c) => {
      const { user } = requireUser(c);
      const row = q.byId.get(user.id);
      if (!row) throw new HttpError(401, 'unauthorized', 'You are signed out. Sign in to continue.');
      return c.json<MeResponse>({ user: toUser(row) });
    })
    .post('/password', async (c) => {
      const { user, session } = requireUser(c);
      const input = await parseJson(c, passwordChangeInput);
      // Only this session's own wrong guesses slow it down, never a stranger's sign-in attempts.
      const guessKey = sessionGuessKey(session.id);
      throttleGuess([[limits.guesses, guessKey]]);
      const row = q.byId.get(user.id);
      if (!row || !(await verifyPassword(row.password_hash, input.currentPassword))) {
        throw new HttpError(400, 'validation', 'Your current password is not right.', {
          currentPassword: 'This is not your current password.',
        });
      }
      limits.guesses.reset(guessKey);
      q.setPassword.run(await hashPassword(input.newPassword), user.id);
      q.deleteOtherSessions.run(user.id, sessionKey(session.id));
      s.events.emit('sessions-changed', user.id);
      c.get('log').info('password changed', { userId: user.id });
      return c.json<OkResponse>({ ok: true });
    })
    .get('/sessions', (c) => {
      const { user, session } = requireUser(c);
      const current = sessionKey(session.id);
      const list = q.sessions.all(user.id, Date.now()).map((row) => ({
        id: row.id,
        device: deviceLabel(row.user_agent),
        createdAt: row.created_at,
        lastSeenAt: row.last_seen_at,
        expiresAt: row.expires_at,
        current: row.id === current,
      }));
      return c.json<SessionsResponse>({ sessions: list });
    })
    .delete('/sessions/:id', (c) => {
      const { user, session } = requireUser(c);
      const id = c.req.param('id');
      if (!/^[0-9a-f]{64}$/.test(id)) throw new HttpError(400, 'bad_request', 'That is not a session id.');
      if (q.deleteSession.run(id, user.id).changes === 0) {
        throw new HttpError(404, 'not_found', 'That session has already ended.');
      }
      s.events.emit('sessions-changed', user.id);
      if (id === sessionKey(session.id)) sessions.clearCookie(c);
      return c.json<OkResponse>({ ok: true });
    });
}
