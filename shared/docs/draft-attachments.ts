// The attachments of the draft: the chips above the composer, kept in the thread doc as a
// `draftAttachments` Y.Array of plain entries, so they sync to the other devices with the
// draft's text and survive a reload. Sending moves them into the message (chat-actions).
// Two devices adding the same file at once leave two entries: readers keep one.
import type * as Y from 'yjs';
import { ATTACHMENT_LIMITS, type Attachment, readAttachment, readAttachments, toStoredAttachment } from './attachments';

/** The draft's attachments as stored, for observing; read them with readDraftAttachments. */
export const draftAttachmentsOf = (doc: Y.Doc): Y.Array<unknown> => doc.getArray('draftAttachments');

/** The draft's attachments in the order they were added, validated (bad entries skipped). */
export function readDraftAttachments(doc: Y.Doc): Attachment[] {
  return readAttachments(draftAttachmentsOf(doc).toArray());
}

/** Adds a chip; false when the draft has this file already or holds as many as a message may. */
export function addDraftAttachment(doc: Y.Doc, attachment: Attachment): boolean {
  const stored = toStoredAttachment(attachment);
  const current = readDraftAttachments(doc);
  if (current.length >= ATTACHMENT_LIMITS.perMessage || current.some((a) => a.sha256 === stored.sha256)) return false;
  draftAttachmentsOf(doc).push([stored]);
  return true;
}

/** Indexes of the entries for `sha256`, in order. */
function entriesOf(list: Y.Array<unknown>, sha256: string): number[] {
  const out: number[] = [];
  list.forEach((entry, index) => {
    if (readAttachment(entry)?.sha256 === sha256) out.push(index);
  });
  return out;
}

/** Deletes the entries at `indexes` (ascending), last first, so the others keep their places. */
function deleteAt(list: Y.Array<unknown>, indexes: readonly number[]): void {
  for (const index of [...indexes].reverse()) list.delete(index, 1);
}

/**
 * Changes what the draft knows of a file (its preview made, its dimensions read), in place;
 * the blob itself cannot change. False when the draft does not hold it.
 */
export function updateDraftAttachment(
  doc: Y.Doc,
  sha256: string,
  change: Partial<Omit<Attachment, 'sha256'>>,
): boolean {
  const list = draftAttachmentsOf(doc);
  const [index, ...duplicates] = entriesOf(list, sha256);
  if (index === undefined) return false;
  const updated = toStoredAttachment({ ...readAttachment(list.get(index))!, ...change, sha256 });
  doc.transact(() => {
    deleteAt(list, duplicates);
    list.delete(index, 1);
    list.insert(index, [updated]);
  });
  return true;
}

/** Removes a chip (every entry of that file); false when the draft did not hold it. */
export function removeDraftAttachment(doc: Y.Doc, sha256: string): boolean {
  const list = draftAttachmentsOf(doc);
  const indexes = entriesOf(list, sha256);
  doc.transact(() => deleteAt(list, indexes));
  return indexes.length > 0;
}

/** Empties the draft's attachments (after sending). */
export function clearDraftAttachments(doc: Y.Doc): void {
  const list = draftAttachmentsOf(doc);
  if (list.length > 0) list.delete(0, list.length);
}
