// The rows of the search index: one per message with text (its words in message_text), and
// one per thread doc saying which change of the doc they reflect. Writing a thread's
// messages skips those whose text did not change; a message whose text changed loses its
// vectors, so it is embedded again. Writes take the file's write lock as they begin
// (immediate): the indexer's worker and the embedder write through two connections.
import { createHash } from 'node:crypto';
import type { Role } from '../../shared/docs/thread-doc';
import { ownerToken } from './match-query';
import type { SearchDb } from './search-db';
import { cleanText, segment, unsegment } from './text-prep';
import type { VectorStore } from './vector-store';

/** A message as the index takes it from a thread doc. */
export interface DocMessage {
  id: string;
  role: Role;
  createdAt: number;
  text: string;
  /** False while the text may still grow (a reply queued or streaming). */
  final: boolean;
}

export interface ThreadKey {
  name: string;
  userId: string;
  threadId: string;
}

interface Row {
  id: number;
  message_id: string;
  hash: string;
  final: number;
}

const hashOf = (clean: string) => createHash('sha256').update(clean).digest('base64url').slice(0, 22);

export class IndexStore {
  private readonly q;

  constructor(
    private readonly db: SearchDb,
    private readonly vectors: VectorStore,
  ) {
    this.q = {
      docs: db.prepare<[], { name: string; updatedAt: number }>('SELECT name, updated_at AS updatedAt FROM docs'),
      docUpdatedAt: db.prepare<[string], number>('SELECT updated_at FROM docs WHERE name = ?').pluck(),
      docsOfUser: db.prepare<[string], string>('SELECT name FROM docs WHERE user_id = ?').pluck(),
      thread: db.prepare<[string], { thread_id: string; user_id: string }>(
        'SELECT user_id, thread_id FROM docs WHERE name = ?',
      ),
      markDoc: db.prepare<[string, string, string, number]>(
        `INSERT INTO docs (name, user_id, thread_id, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET updated_at = excluded.updated_at`,
      ),
      dropDoc: db.prepare<[string]>('DELETE FROM docs WHERE name = ?'),
      rowsOf: db.prepare<[string, string], Row>(
        'SELECT id, message_id, hash, final FROM messages WHERE user_id = ? AND thread_id = ?',
      ),
      row: db.prepare<[string, string, string], Row>(
        'SELECT id, message_id, hash, final FROM messages WHERE user_id = ? AND thread_id = ? AND message_id = ?',
      ),
      insert: db.prepare<[string, string, string, string, number, string, number, number]>(
        `INSERT INTO messages (user_id, thread_id, message_id, role, created_at, hash, chars, final)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      rewrite: db.prepare<[string, number, number, number]>(
        'UPDATE messages SET hash = ?, chars = ?, final = ?, embedded = NULL WHERE id = ?',
      ),
      setFinal: db.prepare<[number, number]>('UPDATE messages SET final = ? WHERE id = ?'),
      remove: db.prepare<[number]>('DELETE FROM messages WHERE id = ?'),
      insertText: db.prepare<[number, string, string]>(
        'INSERT INTO message_text (rowid, owner, text) VALUES (?, ?, ?)',
      ),
      updateText: db.prepare<[string, number]>('UPDATE message_text SET text = ? WHERE rowid = ?'),
      removeText: db.prepare<[number]>('DELETE FROM message_text WHERE rowid = ?'),
      text: db.prepare<[number], string>('SELECT text FROM message_text WHERE rowid = ?').pluck(),
      count: db.prepare<[string], number>('SELECT count(*) FROM messages WHERE user_id = ?').pluck(),
      ref: db.prepare<[number, string], { threadId: string; messageId: string }>(
        'SELECT thread_id AS threadId, message_id AS messageId FROM messages WHERE id = ? AND user_id = ?',
      ),
    };
  }

  /** Every indexed thread doc and the doc change it reflects. */
  indexedDocs(): Map<string, number> {
    return new Map(this.q.docs.all().map((d) => [d.name, d.updatedAt]));
  }

  docUpdatedAt(name: string): number | undefined {
    return this.q.docUpdatedAt.get(name);
  }

  docsOfUser(userId: string): string[] {
    return this.q.docsOfUser.all(userId);
  }

  /** Indexed messages of a user (for status and tests). */
  countMessages(userId: string): number {
    return this.q.count.get(userId) ?? 0;
  }

  /**
   * Brings a thread's rows up to `messages` and records that they reflect the doc as of
   * `updatedAt`. With `complete`, messages the index has and `messages` lacks are removed;
   * otherwise `gone` lists the ids to remove. Returns how many messages changed.
   */
  writeThread(
    key: ThreadKey,
    messages: DocMessage[],
    options: { complete: boolean; gone?: Iterable<string>; updatedAt: number },
  ): number {
    return this.db
      .transaction(() => {
        let written = 0;
        const known = options.complete
          ? new Map(this.q.rowsOf.all(key.userId, key.threadId).map((r) => [r.message_id, r]))
          : undefined;
        for (const message of messages) {
          const row = known ? known.get(message.id) : this.q.row.get(key.userId, key.threadId, message.id);
          known?.delete(message.id);
          if (this.writeMessage(key, message, row)) written++;
        }
        const gone = known
          ? [...known.values()]
          : [...(options.gone ?? [])].map((id) => this.q.row.get(key.userId, key.threadId, id));
        for (const row of gone) if (row) this.removeRow(row.id);
        this.q.markDoc.run(key.name, key.userId, key.threadId, options.updatedAt);
        return written;
      })
      .immediate();
  }

  private writeMessage(key: ThreadKey, message: DocMessage, row: Row | undefined): boolean {
    const clean = cleanText(message.text);
    if (clean.trim() === '' || message.role === 'system') {
      if (row) this.removeRow(row.id);
      return row !== undefined;
    }
    const hash = hashOf(clean);
    const final = message.final ? 1 : 0;
    if (row && row.hash === hash) {
      if (row.final === final) return false;
      this.q.setFinal.run(final, row.id);
      return true;
    }
    if (row) {
      this.vectors.removeFor(row.id);
      this.q.rewrite.run(hash, clean.length, final, row.id);
      this.q.updateText.run(segment(clean), row.id);
    } else {
      const { userId, threadId } = key;
      const id = Number(
        this.q.insert.run(userId, threadId, message.id, message.role, message.createdAt, hash, clean.length, final)
          .lastInsertRowid,
      );
      this.q.insertText.run(id, ownerToken(userId), segment(clean));
    }
    return true;
  }

  private removeRow(id: number): void {
    this.vectors.removeFor(id);
    this.q.removeText.run(id);
    this.q.remove.run(id);
  }

  /** Removes everything indexed from a thread doc; returns how many messages went. */
  removeDoc(name: string): number {
    return this.db
      .transaction(() => {
        const thread = this.q.thread.get(name);
        let removed = 0;
        if (thread) {
          for (const row of this.q.rowsOf.all(thread.user_id, thread.thread_id)) {
            this.removeRow(row.id);
            removed++;
          }
        }
        this.q.dropDoc.run(name);
        return removed;
      })
      .immediate();
  }

  /** The thread and message of an indexed message, if it is the user's. */
  refOf(id: number, userId: string): { threadId: string; messageId: string } | undefined {
    return this.q.ref.get(id, userId);
  }

  /** A message's clean text (as stored, without the gaps between CJK characters). */
  textOf(id: number): string | undefined {
    const stored = this.q.text.get(id);
    return stored === undefined ? undefined : unsegment(stored);
  }
}
