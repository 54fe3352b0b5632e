// /api/account: deleting an account removes every row that belongs to it.
import { Hono } from 'hono';
import { deleteAccountInput, type OkResponse } from '../../shared/api/auth';
import { sessionGuessKey, throttleGuess } from '../auth/limits';
import { verifyPassword } from '../auth/password';
import { requireUser } from '../auth/session';
import type { AppEnv } from '../http/context';
import { HttpError, parseJson } from '../http/errors';
import type { Services } from '../services';

export function accountRoutes(s: Services) {
  const passwordHash = s.db.prepare<[string], string>('SELECT password_hash FROM users WHERE id = ?').pluck();
  const deleteUser = s.db.prepare('DELETE FROM users WHERE id = ?');

  return new Hono<AppEnv>().delete('/', async (c) => {
    const { user, session } = requireUser(c);
    const input = await parseJson(c, deleteAccountInput);
    // Only this session's own wrong guesses slow it down, never a stranger's sign-in attempts.
    throttleGuess([[s.limits.guesses, sessionGuessKey(session.id)]]);
    const stored = passwordHash.get(user.id);
    if (!stored || !(await verifyPassword(stored, input.password))) {
      throw new HttpError(400, 'validation', 'That password is not right.', { password: 'This is not your password.' });
    }
    s.limits.guesses.reset(sessionGuessKey(session.id));
    // Every table that holds a user's rows references users(id) ON DELETE CASCADE.
    deleteUser.run(user.id);
    s.events.emit('account-deleted', user.id);
    s.sessions.clearCookie(c);
    c.get('log').info('account deleted', { userId: user.id });
    return c.json<OkResponse>({ ok: true });
  });
}
