// Search contract: `GET /api/search?q=…&limit=…` finds a user's messages by their words
// (FTS5, always on unless the operator turns server search off) and, when the person has
// turned on search by meaning, by meaning too (sqlite-vec), fused by reciprocal rank.
import { z } from 'zod';

/** The longest query accepted; anything up to it never errors, whatever it contains. */
export const SEARCH_QUERY_MAX = 1000;
export const SEARCH_LIMIT_MAX = 100;

export const searchQuery = z.object({
  q: z
    .string()
    .max(SEARCH_QUERY_MAX, { error: `Use at most ${SEARCH_QUERY_MAX} characters in a search.` })
    .default(''),
  limit: z.coerce
    .number({ error: 'limit must be a number' })
    .int({ error: 'limit must be a whole number' })
    .min(1, { error: `limit must be between 1 and ${SEARCH_LIMIT_MAX}` })
    .max(SEARCH_LIMIT_MAX, { error: `limit must be between 1 and ${SEARCH_LIMIT_MAX}` })
    .default(20),
});
export type SearchQuery = z.input<typeof searchQuery>;

export type SearchMatch = 'text' | 'meaning';

export interface SearchResult {
  threadId: string;
  messageId: string;
  /** Plain text around the match (never HTML). */
  snippet: string;
  /** Where the matched words are in `snippet`: [start, end) offsets in UTF-16 code units. */
  marks: Array<[number, number]>;
  /** Higher is better; only comparable within one response. */
  score: number;
  matchedBy: SearchMatch[];
}

export interface SearchResponse {
  results: SearchResult[];
  /** Set when search by meaning is on but could not run for this query: why, for people. */
  meaningUnavailable?: string;
}
