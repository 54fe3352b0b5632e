// Full-text search of one user's messages: the MATCH expression names the user, and each row
// is checked again against its owner before it is answered. Whole-word matches come first,
// ranked by BM25; when they are fewer than asked for, messages matching the words as
// prefixes follow, unranked (newest rows first): ranking every message a short prefix
// matches would cost more than a search may take. FTS5 computes snippets only for the rows
// it returns.
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

export class TextSearch {
  private readonly q;

  constructor(db: SearchDb) {
    const columns = `rowid AS id, snippet(message_text, 1, '${MARK_OPEN}', '${MARK_CLOSE}', '…', ${SNIPPET_TOKENS}) AS marked`;
    this.q = {
      ranked: db.prepare<[string, number], { id: number; marked: string }>(
        `SELECT ${columns} FROM message_text WHERE message_text MATCH ? ORDER BY rank LIMIT ?`,
      ),
      newest: db.prepare<[string, number], { id: number; marked: string }>(
        `SELECT ${columns} FROM message_text WHERE message_text MATCH ? ORDER BY rowid DESC LIMIT ?`,
      ),
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
    if (hits.length < limit && prefixes && prefixes !== whole) take(this.q.newest.all(prefixes, limit + hits.length));
    return hits;
  }
}
