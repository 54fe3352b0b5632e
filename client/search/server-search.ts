// Asks the server's search (GET /api/search, contract in shared/api/search.ts): full text
// over every message the server stores, and by meaning when the person turned that on.
// Any failure (offline, an older server without the route, an error) is thrown: the caller
// shows the device's results alone and says so.
import type { SearchResponse } from '../../shared/api/search';

export type ServerSearch = (query: string, limit: number, signal: AbortSignal) => Promise<SearchResponse>;

function isResponse(value: unknown): value is SearchResponse {
  return typeof value === 'object' && value !== null && Array.isArray((value as SearchResponse).results);
}

export const searchServer: ServerSearch = async (query, limit, signal) => {
  // A query past the server's limit gets its 400: the device's results are shown alone.
  const params = new URLSearchParams({ q: query, limit: String(limit) });
  const response = await fetch(`/api/search?${params}`, {
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
    signal,
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok || !isResponse(body)) throw new Error(`The server's search answered ${response.status}.`);
  return body;
};
