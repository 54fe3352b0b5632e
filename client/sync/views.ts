// The view tables (threads, messages) kept in step with the docs, so lists and search
// read indexed rows and never have to load every doc.
import type * as Y from 'yjs';
import { listThreads } from '../../shared/docs/index-doc';
import { listMessages } from '../../shared/docs/thread-doc';
import { db, type MessageRow, type ThreadRow } from '../db/hearth-db';

/** Writes the thread list of the index doc. */
export async function writeThreadViews(userId: string, index: Y.Doc): Promise<ThreadRow[]> {
  const rows = listThreads(index).map((t) => ({ ...t, userId }));
  await db.threads.bulkPut(rows);
  return rows;
}

/** Writes every message of a thread doc, and drops rows of messages it no longer has. */
export async function writeMessageViews(userId: string, threadId: string, thread: Y.Doc): Promise<void> {
  const rows: MessageRow[] = listMessages(thread).map((m) => ({
    id: m.id,
    threadId,
    userId,
    role: m.role,
    status: m.status,
    parentId: m.parentId,
    model: m.model,
    text: m.text,
    createdAt: m.createdAt,
  }));
  const keep = new Set(rows.map((r) => r.id));
  await db.transaction('rw', db.messages, async () => {
    const stale = (await db.messages.where('threadId').equals(threadId).primaryKeys()).filter((id) => !keep.has(id));
    await db.messages.bulkDelete(stale);
    await db.messages.bulkPut(rows);
  });
}
