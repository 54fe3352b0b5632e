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

const toRow = (userId: string, threadId: string, m: ReturnType<typeof listMessages>[number]): MessageRow => ({
  id: m.id,
  threadId,
  userId,
  role: m.role,
  status: m.status,
  parentId: m.parentId,
  model: m.model,
  text: m.text,
  createdAt: m.createdAt,
});

/**
 * Writes only the messages that changed since the last call with the same `written` map
 * (message id → what was written), so a streaming reply rewrites one row, not the thread.
 */
export async function writeChangedMessageViews(
  userId: string,
  threadId: string,
  thread: Y.Doc,
  written: Map<string, string>,
): Promise<void> {
  const changed: MessageRow[] = [];
  for (const m of listMessages(thread)) {
    const signature = `${m.status}\u0000${m.model}\u0000${m.text}`;
    if (written.get(m.id) === signature) continue;
    written.set(m.id, signature);
    changed.push(toRow(userId, threadId, m));
  }
  if (changed.length > 0) await db.messages.bulkPut(changed);
}
