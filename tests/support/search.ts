// Search helpers for integration tests: asking /api/search as a device does, waiting until
// the background indexer has caught up with a change, and reading the index file directly.
import path from 'node:path';
import Database from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import type { SearchResponse, SearchStatusResponse } from '../../shared/api/search';
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

/**
 * Rows the index file holds for a user, table by table (read-only: Hearth may be running),
 * with their vectors from OpenAI's text-embedding-3-small, the model the tests use.
 */
export function indexRowsOf(dataDir: string, userId: string): Record<string, number> {
  const db = new Database(path.join(dataDir, 'search.db'), { readonly: true });
  try {
    sqliteVec.load(db);
    const count = (sql: string, value = userId) => db.prepare<[string], number>(sql).pluck().get(value) ?? 0;
    const hasVectors = count('SELECT count(*) FROM sqlite_master WHERE name = ?', 'vectors_512') > 0;
    return {
      docs: count('SELECT count(*) FROM docs WHERE user_id = ?'),
      messages: count('SELECT count(*) FROM messages WHERE user_id = ?'),
      text: count(`SELECT count(*) FROM message_text WHERE message_text MATCH 'owner : "u' || ? || '"'`),
      vectors: hasVectors
        ? count('SELECT count(*) FROM vectors_512 WHERE space = ?', `${userId}|openai/text-embedding-3-small@512`)
        : 0,
    };
  } finally {
    db.close();
  }
}

/** GET /api/search/status, for a server that searches. */
export async function searchStatus(client: ApiClient): Promise<Extract<SearchStatusResponse, { enabled: true }>> {
  const answer = await client.get<SearchStatusResponse>('/api/search/status');
  if (answer.status !== 200 || !answer.body.enabled) {
    throw new Error(`status failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer.body;
}

/** Turns search by meaning on (with `model`, if given); throws unless the server agrees. */
export async function turnMeaningOn(client: ApiClient, model?: string): Promise<void> {
  const answer = await client.request('PUT', '/api/search/settings', { meaning: true, ...(model && { model }) });
  if (answer.status !== 200) throw new Error(`settings failed: ${answer.status} ${JSON.stringify(answer.body)}`);
}

/** Waits until `count` messages (every one there is) are embedded with the chosen model. */
export async function whenEmbedded(client: ApiClient, count: number, timeoutMs = 20_000): Promise<void> {
  await eventually(
    async () => {
      const { meaning } = await searchStatus(client);
      return meaning.total === count && meaning.indexed === count;
    },
    `${count} messages embedded`,
    timeoutMs,
  );
}
