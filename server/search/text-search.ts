// Full-text search of one user's messages: the MATCH expression names the user, and each row
// is checked again against its owner before it is answered. Whole-word matches come first,
// ranked by BM25; when they are fewer than asked for, messages matching the words as
// prefixes follow, ranked by BM25 among the newest PREFIX_CANDIDATES that match: ranking
// every message a short prefix matches would cost more than a search may take, and a word
// typed halfway most often looks for something recent. Snippets are computed only for the
// rows answered.
import { matchExpression } from './match-query';
import type { SearchDb } from './search-db';
import { parseMarkedSnippet, type Snippet } from './snippet';
import { MARK_CLOSE, MARK_OPEN } from './text-prep';

export interface TextHit extends Snippet {
  /** The message's row in the index. */
  row: number;
  threadId: string;
  messageId: string;
}

/** Tokens around the best match in a snippet (a CJK character is one token). */
const SNIPPET_TOKENS = 24;
/** Matches of a query's prefixes ranked against each other, newest first (each costs a BM25 score). */
const PREFIX_CANDIDATES = 400;

export class TextSearch {
  private readonly q;

  constructor(db: SearchDb) {
    const snippet = `snippet(message_text, 1, '${MARK_OPEN}', '${MARK_CLOSE}', '…', ${SNIPPET_TOKENS})`;
    this.q = {
      ranked: db.prepare<[string, number], { id: number; marked: string }>(
        `SELECT rowid AS id, ${snippet} AS marked FROM message_text WHERE message_text MATCH ? ORDER BY rank LIMIT ?`,
      ),
      newest: db.prepare<[string, number], { id: number; rank: number }>(
        'SELECT rowid AS id, rank FROM message_text WHERE message_text MATCH ? ORDER BY rowid DESC LIMIT ?',
      ),
      snippet: db
        .prepare<[string, number], string>(
          `SELECT ${snippet} FROM message_text WHERE message_text MATCH ? AND rowid = ?`,
        )
        .pluck(),
      owned: db.prepare<[number, string], { thread_id: string; message_id: string }>(
        'SELECT thread_id, message_id FROM messages WHERE id = ? AND user_id = ?',
      ),
    };
  }

  /** The user's best `limit` messages for `query`, best first; none when it has no words. */
  find(userId: string, query: string, limit: number): TextHit[] {
    const whole = matchExpression(userId, query, false);
    if (!whole) return [];
    const hits: TextHit[] = [];
    const seen = new Set<number>();
    const take = (rows: { id: number; marked: string }[]) => {
      for (const { id, marked } of rows) {
        if (hits.length >= limit || seen.has(id)) continue;
        seen.add(id);
        const owned = this.q.owned.get(id, userId);
        if (owned)
          hits.push({ row: id, threadId: owned.thread_id, messageId: owned.message_id, ...parseMarkedSnippet(marked) });
      }
    };
    take(this.q.ranked.all(whole, limit));
    const prefixes = matchExpression(userId, query, true);
    if (hits.length < limit && prefixes && prefixes !== whole) {
      const best = this.q.newest
        .all(prefixes, PREFIX_CANDIDATES)
        .filter((row) => !seen.has(row.id))
        .sort((a, b) => a.rank - b.rank)
        .slice(0, limit - hits.length);
      take(best.map(({ id }) => ({ id, marked: this.q.snippet.get(prefixes, id) ?? '' })));
    }
    return hits;
  }
}
