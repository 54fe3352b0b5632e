// Forking a thread: the path up to a chosen message is copied into a new thread doc, so the
// new thread starts from there. The copy gets new message ids (ids are unique per device
// database, not per thread) and never carries a request that is still running.
import type * as Y from 'yjs';
import { addMessage, type Message, type MessageStatus, setMessageStatus } from './thread-doc';

/** The messages of `path` from its root up to and including `messageId`; empty when absent. */
export function pathUpTo(path: readonly Message[], messageId: string): Message[] {
  const end = path.findIndex((m) => m.id === messageId);
  return end < 0 ? [] : path.slice(0, end + 1);
}

/** A reply still queued or streaming in the source is stopped in the copy, its text kept. */
function copiedStatus(status: MessageStatus): MessageStatus {
  return status === 'queued' || status === 'streaming' || status === 'cancel' ? 'cancelled' : status;
}

/**
 * Appends `path` (root first) to `target` as one chain, in one change, with each message's
 * role, text, model, time, status, error, usage and attachments; returns the id of the copied last message.
 */
export function copyPath(target: Y.Doc, path: readonly Message[]): string | null {
  let parentId: string | null = null;
  target.transact(() => {
    for (const message of path) {
      const status = copiedStatus(message.status);
      const id = addMessage(target, {
        role: message.role,
        parentId,
        now: message.createdAt,
        text: message.text,
        model: message.model,
        status,
        attachments: message.attachments,
      });
      if (message.error || message.usage) {
        setMessageStatus(target, id, status, {
          ...(message.error ? { error: message.error } : {}),
          ...(message.usage ? { usage: message.usage } : {}),
        });
      }
      parentId = id;
    }
  });
  return parentId;
}
