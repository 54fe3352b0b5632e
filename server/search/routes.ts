// /api/search: the signed-in user's messages found by their words (and by meaning, when the
// person turned it on), the state of their index, and their search settings. Answers 404
// when the operator turned search off, except the status, which says so.
import { Hono } from 'hono';
import { embeddingModel } from '../../shared/ai/embedding-models';
import {
  type SearchResponse,
  type SearchStatusResponse,
  searchQuery,
  searchSettingsInput,
} from '../../shared/api/search';
import { requireUser } from '../auth/session';
import type { AppEnv } from '../http/context';
import { HttpError, parseJson } from '../http/errors';
import type { Services } from '../services';
import { searchStatus } from './search-status';
import type { ServerSearch } from './server-search';

function searchOn(s: Services): ServerSearch {
  if (!s.search) {
    throw new HttpError(
      404,
      'not_found',
      'Search on the server is turned off here; search on this device still works.',
    );
  }
  return s.search;
}

export function searchRoutes(s: Services) {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const { user } = requireUser(c);
      const search = searchOn(s);
      const query = searchQuery.safeParse({ q: c.req.query('q'), limit: c.req.query('limit') });
      if (!query.success) {
        const fields: Record<string, string> = {};
        for (const issue of query.error.issues) fields[String(issue.path[0] ?? 'q')] ??= issue.message;
        throw new HttpError(400, 'validation', Object.values(fields).join(' '), fields);
      }
      return c.json<SearchResponse>(await search.search(user.id, query.data.q, query.data.limit));
    })
    .get('/status', (c) => {
      const { user } = requireUser(c);
      if (!s.search) return c.json<SearchStatusResponse>({ enabled: false });
      return c.json<SearchStatusResponse>(searchStatus(s.search, user.id));
    })
    .put('/settings', async (c) => {
      const { user } = requireUser(c);
      const search = searchOn(s);
      const input = await parseJson(c, searchSettingsInput);
      const chosen = input.model ?? search.settings.get(user.id).model;
      const info = embeddingModel(chosen);
      if (!info) {
        const message = `Hearth does not know the embedding model "${chosen}". Pick one from the list.`;
        throw new HttpError(400, 'validation', message, { model: message });
      }
      if (input.meaning) {
        const resolved = search.targets.resolve(user.id, info.id);
        if (!resolved.ok) throw new HttpError(400, 'validation', resolved.reason, { model: resolved.reason });
      }
      search.settings.put(user.id, { meaning: input.meaning, model: info.id });
      search.embedder.retryNow(user.id);
      return c.json<SearchStatusResponse>(searchStatus(search, user.id));
    });
}
