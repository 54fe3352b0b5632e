// GET /api/search?q=…&limit=…: the signed-in user's messages found by their words (and by
// meaning, when the person turned it on). Answers 404 when the operator turned search off.
import { Hono } from 'hono';
import { type SearchResponse, searchQuery } from '../../shared/api/search';
import { requireUser } from '../auth/session';
import type { AppEnv } from '../http/context';
import { HttpError } from '../http/errors';
import type { Services } from '../services';

export function searchRoutes(s: Services) {
  return new Hono<AppEnv>().get('/', async (c) => {
    const { user } = requireUser(c);
    const search = s.search;
    if (!search) {
      throw new HttpError(
        404,
        'not_found',
        'Search on the server is turned off here; search on this device still works.',
      );
    }
    const query = searchQuery.safeParse({ q: c.req.query('q'), limit: c.req.query('limit') });
    if (!query.success) {
      const fields: Record<string, string> = {};
      for (const issue of query.error.issues) fields[String(issue.path[0] ?? 'q')] ??= issue.message;
      throw new HttpError(400, 'validation', Object.values(fields).join(' '), fields);
    }
    return c.json<SearchResponse>(await search.search(user.id, query.data.q, query.data.limit));
  });
}
