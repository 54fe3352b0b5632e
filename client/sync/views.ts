// The view tables (threads, messages) kept in step with the docs, so lists and search
// read indexed rows and never have to load every doc, and an opening thread can paint its
// active path from the rows while its doc loads.
import type * as Y from 'yjs';
import { listThreads, readThread } from '../../shared/docs/index-doc';
import { activePath, listMessages, type Message, messageChanges, readMessage } from '../../shared/docs/thread-doc';
import { db, type MessageRow, type ThreadRow } from '../db/hearth-db';
import { onDocChange } from './doc-feed';

/** Writes the thread list of the index doc (only the threads `ids` when given); returns the rows. */
export async function writeThreadViews(userId: string, index: Y.Doc, ids?: Iterable<string>): Promise<ThreadRow[]> {
  const threads = ids ? [...ids].flatMap((id) => readThread(index, id) ?? []) : listThreads(index);
  const rows = threads.map((t) => ({ ...t, userId }));
  await db.threads.bulkPut(rows);
  return rows;
}

const toRow = (userId: string, threadId: string, m: Message, onPath: boolean): MessageRow => ({
  id: m.id,
  threadId,
  userId,
  role: m.role,
  status: m.status,
  parentId: m.parentId,
  model: m.model,
  text: m.text,
  error: m.error,
  createdAt: m.createdAt,
  onPath: onPath ? 1 : 0,
});

/** Every message of a thread doc as view rows, each marked with whether it is on the active path. */
export function messageRows(userId: string, threadId: string, thread: Y.Doc): MessageRow[] {
  const all = listMessages(thread);
  const onPath = new Set(activePath(thread, all).map((m) => m.id));
  return all.map((m) => toRow(userId, threadId, m, onPath.has(m.id)));
}

/** A view row as the message it shows (usage is not kept in the views). */
export const rowMessage = (row: MessageRow): Message => ({
  id: row.id,
  role: row.role,
  parentId: row.parentId,
  createdAt: row.createdAt,
  model: row.model,
  status: row.status,
  text: row.text,
  error: row.error ?? null,
  usage: null,
});

/**
 * Keeps the message views of one open thread in step with its doc, writing only the rows
 * that changed: a streaming reply rewrites its own row, typing in the draft writes nothing,
 * and the whole thread is read again only when its tree or active path may have changed.
 */
export class MessageViews {
  /** Message id → what its row holds, to skip rows that would be written unchanged. */
  private readonly written = new Map<string, string>();
  private readonly dirty = new Set<string>();
  private readonly onPath = new Set<string>();
  private structure = false;
  private readonly unwatch: () => void;

  constructor(
    private readonly userId: string,
    private readonly threadId: string,
    private readonly thread: Y.Doc,
  ) {
    // Through the doc's one observer, which the conversation on screen reads too.
    this.unwatch = onDocChange(thread, (transaction) => {
      const { ids, structure } = messageChanges(transaction);
      for (const id of ids) this.dirty.add(id);
      if (structure) this.structure = true;
    });
  }

  async write(): Promise<void> {
    // Until the first structural change this session has not read the path: read it then.
    const all = this.structure || this.written.size === 0;
    if (!all && this.dirty.size === 0) return;
    let rows: MessageRow[];
    if (all) {
      rows = messageRows(this.userId, this.threadId, this.thread);
      this.onPath.clear();
      for (const row of rows) if (row.onPath) this.onPath.add(row.id);
    } else {
      rows = [];
      for (const id of this.dirty) {
        const message = readMessage(this.thread, id);
        if (message) rows.push(toRow(this.userId, this.threadId, message, this.onPath.has(id)));
      }
    }
    this.structure = false;
    this.dirty.clear();
    const changed = rows.filter((row) => {
      const signature = `${row.status}\u0000${row.model}\u0000${row.onPath}\u0000${row.error}\u0000${row.text}`;
      if (this.written.get(row.id) === signature) return false;
      this.written.set(row.id, signature);
      return true;
    });
    if (changed.length > 0) await db.messages.bulkPut(changed);
  }

  stop(): void {
    this.unwatch();
  }
}
