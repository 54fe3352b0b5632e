// Search helpers for integration tests: asking /api/search as a device does, waiting until
// the background indexer has caught up with a change, and reading the index file directly.
import path from 'node:path';
import Database from 'better-sqlite3';
import type { SearchResponse } from '../../shared/api/search';
import type { ApiClient } from './api-client';
import { eventually } from './sync-device';

/** GET /api/search; throws unless it answers 200. */
export async function search(client: ApiClient, q: string, limit?: number): Promise<SearchResponse> {
  const params = new URLSearchParams({ q, ...(limit === undefined ? {} : { limit: String(limit) }) });
  const answer = await client.get<SearchResponse>(`/api/search?${params}`);
  if (answer.status !== 200) throw new Error(`search failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** The ids of the messages a search finds, best first. */
export async function found(client: ApiClient, q: string): Promise<string[]> {
  return (await search(client, q)).results.map((r) => r.messageId);
}

/** Waits until searching `q` finds exactly `messageIds` (in any order): the indexer has caught up. */
export async function whenFound(client: ApiClient, q: string, messageIds: string[], timeoutMs?: number) {
  const wanted = [...messageIds].sort().join();
  await eventually(
    async () => (await found(client, q)).sort().join() === wanted,
    `"${q}" to find ${wanted}`,
    timeoutMs,
  );
}

/** Rows the index file of a stopped Hearth holds for a user, table by table. */
export function indexRowsOf(dataDir: string, userId: string): Record<string, number> {
  const db = new Database(path.join(dataDir, 'search.db'), { readonly: true });
  try {
    const count = (sql: string) => db.prepare<[string], number>(sql).pluck().get(userId) ?? 0;
    return {
      docs: count('SELECT count(*) FROM docs WHERE user_id = ?'),
      messages: count('SELECT count(*) FROM messages WHERE user_id = ?'),
      text: count(`SELECT count(*) FROM message_text WHERE message_text MATCH 'owner : "u' || ? || '"'`),
    };
  } finally {
    db.close();
  }
}
