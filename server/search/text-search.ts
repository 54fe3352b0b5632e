// Full-text search of one user's messages: the MATCH expression names the user, FTS5 ranks by
// BM25 and computes snippets only for the rows it returns, and each row is checked again
// against its owner before it is answered.
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
    this.q = {
      match: db.prepare<[string, number], { id: number; marked: string }>(
        `SELECT rowid AS id, snippet(message_text, 1, '${MARK_OPEN}', '${MARK_CLOSE}', '…', ${SNIPPET_TOKENS}) AS marked
         FROM message_text WHERE message_text MATCH ? ORDER BY rank LIMIT ?`,
      ),
      owned: db.prepare<[number, string], { thread_id: string; message_id: string }>(
        'SELECT thread_id, message_id FROM messages WHERE id = ? AND user_id = ?',
      ),
    };
  }

  /** The user's best `limit` messages for `query`, best first; none when it has no words. */
  find(userId: string, query: string, limit: number): TextHit[] {
    const match = matchExpression(userId, query);
    if (!match) return [];
    const hits: TextHit[] = [];
    for (const { id, marked } of this.q.match.all(match, limit)) {
      const owned = this.q.owned.get(id, userId);
      if (!owned) continue;
      hits.push({ row: id, threadId: owned.thread_id, messageId: owned.message_id, ...parseMarkedSnippet(marked) });
    }
    return hits;
  }
}
