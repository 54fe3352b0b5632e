// What a person does in a chat, as edits to the thread doc. A request is data: sending
// writes the user message and a queued assistant placeholder, online or offline, and the
// server answers the placeholder when it sees it. Regenerate and edit add siblings, so
// every earlier answer stays reachable as a branch. Each queued reply carries the model and
// the instructions (mode, custom instructions) it is asked with, pinned as they are now.
import type * as Y from 'yjs';
import { clearDraftAttachments, readDraftAttachments } from './draft-attachments';
import { activePath, addMessage, type ReplyInstructions, readMessage, setDraft, setMessageStatus } from './thread-doc';

export interface Sent {
  userMessageId: string;
  replyId: string;
}

/** Adds a queued reply under `parentId`, pinned to `model` and `instructions`. */
function queueReply(
  doc: Y.Doc,
  parentId: string | null,
  now: number,
  model: string,
  instructions: ReplyInstructions | undefined,
): string {
  return addMessage(doc, { role: 'assistant', parentId, now, model, instructions, status: 'queued' });
}

/**
 * Sends `text` with the draft's attachments after the active path's last message, queues a
 * reply, and clears the draft (text and attachments).
 */
export function sendMessage(
  doc: Y.Doc,
  text: string,
  model: string,
  now: number,
  instructions?: ReplyInstructions,
): Sent {
  let sent: Sent | undefined;
  doc.transact(() => {
    const parentId = activePath(doc).at(-1)?.id ?? null;
    const attachments = readDraftAttachments(doc);
    const userMessageId = addMessage(doc, { role: 'user', parentId, now, text, attachments });
    const replyId = queueReply(doc, userMessageId, now, model, instructions);
    setDraft(doc, '');
    clearDraftAttachments(doc);
    sent = { userMessageId, replyId };
  });
  return sent!;
}

/** Asks again for the reply to the same message: a new sibling of `replyId`, shown at once. */
export function regenerate(
  doc: Y.Doc,
  replyId: string,
  model: string,
  now: number,
  instructions?: ReplyInstructions,
): string {
  const reply = readMessage(doc, replyId);
  if (reply?.role !== 'assistant') throw new Error(`no reply ${replyId} to regenerate`);
  return queueReply(doc, reply!.parentId, now, model, instructions);
}

/** Sends an edited version of a user message (its attachments kept) as its sibling, with a new reply queued. */
export function editMessage(
  doc: Y.Doc,
  userMessageId: string,
  text: string,
  model: string,
  now: number,
  instructions?: ReplyInstructions,
): Sent {
  const original = readMessage(doc, userMessageId);
  if (original?.role !== 'user') throw new Error(`no message ${userMessageId} to edit`);
  let sent: Sent | undefined;
  doc.transact(() => {
    const { parentId, attachments } = original!;
    const editedId = addMessage(doc, { role: 'user', parentId, now, text, attachments });
    const replyId = queueReply(doc, editedId, now, model, instructions);
    sent = { userMessageId: editedId, replyId };
  });
  return sent!;
}

/** Asks the server to stop a reply that is queued or streaming; the partial text stays. */
export function stopReply(doc: Y.Doc, replyId: string): void {
  const reply = readMessage(doc, replyId);
  if (reply && (reply.status === 'queued' || reply.status === 'streaming')) setMessageStatus(doc, replyId, 'cancel');
}
