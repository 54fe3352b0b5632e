// GET /api/usage?days=30: the signed-in user's requests and tokens per day and per model.
import { Hono } from 'hono';
import { type UsageResponse, usageQuery } from '../../shared/api/usage';
import { requireUser } from '../auth/session';
import type { AppEnv } from '../http/context';
import { HttpError } from '../http/errors';
import type { Services } from '../services';
import { UsageStore } from './usage-store';

export function usageRoutes(s: Services) {
  const usage = new UsageStore(s.db);
  return new Hono<AppEnv>().get('/', (c) => {
    const { user } = requireUser(c);
    const query = usageQuery.safeParse({ days: c.req.query('days') });
    if (!query.success) {
      throw new HttpError(400, 'validation', 'Some fields need attention.', {
        days: query.error.issues[0]?.message ?? 'days must be between 1 and 365',
      });
    }
    return c.json<UsageResponse>(usage.query(user.id, query.data.days));
  });
}
