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

/** `PUT /api/search/settings`: turn search by meaning on or off, and pick its embedding model. */
export const searchSettingsInput = z.object({
  meaning: z.boolean({ error: 'Say whether search by meaning is on (true) or off (false).' }),
  /** An embedding model id from shared/ai/embedding-models.ts, or `custom/<model>` for a custom endpoint. */
  model: z
    .string({ error: 'Pick an embedding model.' })
    .trim()
    .min(1, { error: 'Pick an embedding model.' })
    .max(210, { error: 'That model id is too long.' })
    .optional(),
});
export type SearchSettingsInput = z.input<typeof searchSettingsInput>;

/** An embedding model the person may pick, and whether they can use it now. */
export interface EmbeddingModelChoice {
  id: string;
  label: string;
  /** US dollars per million tokens; null when unknown (a custom endpoint). */
  usdPerMillionTokens: number | null;
  /** Whose key would pay: the person's own, or the server's operator's. */
  paidBy: 'you' | 'server';
  /** Why it cannot be used now (no key for its provider); absent when it can. */
  unavailable?: string;
}

/** `GET /api/search/status` (and the answer to a settings change). */
export type SearchStatusResponse =
  /** The operator turned search on the server off (HEARTH_SEARCH=off). */
  | { enabled: false }
  | {
      enabled: true;
      /** The person's messages in the full-text index (every branch). */
      textMessages: number;
      meaning: MeaningStatus;
    };

export interface MeaningStatus {
  on: boolean;
  /** The chosen embedding model id. */
  model: string;
  models: EmbeddingModelChoice[];
  /** Messages embedded with the chosen model, of all the messages there are to embed. */
  indexed: number;
  total: number;
  /** What embedding the messages not embedded yet will take, before it starts (about four characters a token). */
  estimate: { tokens: number; usd: number | null };
  /** Why indexing stopped (a refused key, a rate limit…), for people; null while it runs or once done. */
  error: string | null;
}
