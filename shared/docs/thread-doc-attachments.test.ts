// Attachments in the thread doc: on messages (written with the message, read defensively),
// on the draft (synced chips, moved into the message on send), and the list of blobs a
// thread refers to, which the server's garbage collection keeps.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ATTACHMENT_LIMITS, type Attachment, readAttachments } from './attachments';
import { editMessage, sendMessage } from './chat-actions';
import {
  addDraftAttachment,
  clearDraftAttachments,
  draftAttachmentsOf,
  readDraftAttachments,
  removeDraftAttachment,
  updateDraftAttachment,
} from './draft-attachments';
import { copyPath } from './fork';
import { activePath, addMessage, draftOf, listMessages, readMessage, threadBlobRefs } from './thread-doc';

const sha = (n: number) => n.toString(16).padStart(64, '0');

const photo: Attachment = {
  sha256: sha(1),
  name: 'cat.png',
  type: 'image/png',
  size: 2048,
  width: 640,
  height: 480,
  thumbSha256: sha(2),
};
const report: Attachment = { sha256: sha(3), name: 'report.pdf', type: 'application/pdf', size: 90_000, pages: 12 };

/** Applies every update of `from` to `to` and back, as sync does. */
function exchange(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('a message with attachments', () => {
  it('is written with the message and read back as written', () => {
    const doc = new Y.Doc();
    const id = addMessage(doc, { role: 'user', parentId: null, now: 1, text: 'look', attachments: [photo, report] });
    expect(readMessage(doc, id)?.attachments).toEqual([photo, report]);
    const plain = addMessage(doc, { role: 'user', parentId: id, now: 2, text: 'no files' });
    expect(readMessage(doc, plain)).not.toHaveProperty('attachments');
  });

  it('refuses to write an attachment that could not be read back', () => {
    const doc = new Y.Doc();
    const bad = { ...photo, sha256: 'not a hash' };
    expect(() => addMessage(doc, { role: 'user', parentId: null, now: 1, attachments: [bad] })).toThrow(
      /not a valid attachment/,
    );
    expect(listMessages(doc)).toEqual([]);
  });

  it('reads a damaged list by skipping bad entries, never throwing', () => {
    const doc = new Y.Doc();
    const id = addMessage(doc, { role: 'user', parentId: null, now: 1, text: 'x' });
    const map = doc.getMap<Y.Map<unknown>>('messages').get(id)!;
    map.set('attachments', [
      photo,
      null,
      'cat.png',
      { ...report, sha256: sha(0xabc).toUpperCase() },
      { ...report, size: 0 },
      { ...report, size: 1.5 },
      { ...report, name: '  ' },
      { sha256: sha(4), name: 'notes\n.txt', type: 'Text/Plain; charset=utf-8', size: 5 },
      {
        sha256: sha(5),
        name: 'odd',
        type: 'not a type',
        size: 5,
        width: -1,
        height: 10,
        pages: 'many',
        thumbSha256: 7,
      },
      photo,
    ]);
    expect(readMessage(doc, id)?.attachments).toEqual([
      photo,
      { sha256: sha(4), name: 'notes.txt', type: 'text/plain', size: 5 },
      { sha256: sha(5), name: 'odd', type: 'application/octet-stream', size: 5 },
    ]);
    map.set('attachments', { not: 'a list' });
    expect(readMessage(doc, id)).not.toHaveProperty('attachments');
  });

  it(`reads at most ${ATTACHMENT_LIMITS.perMessage}, and names no longer than ${ATTACHMENT_LIMITS.name} characters`, () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ ...report, sha256: sha(100 + i), name: 'n'.repeat(300) }));
    const read = readAttachments(many);
    expect(read).toHaveLength(ATTACHMENT_LIMITS.perMessage);
    expect(read[0]!.name).toHaveLength(ATTACHMENT_LIMITS.name);
  });

  it('keeps its attachments when forked and when edited', () => {
    const doc = new Y.Doc();
    draftOf(doc).insert(0, 'see');
    addDraftAttachment(doc, photo);
    const sent = sendMessage(doc, 'see', 'openai/gpt-4o', 1);
    const copy = new Y.Doc();
    copyPath(copy, activePath(doc));
    expect(activePath(copy)[0]?.attachments).toEqual([photo]);
    const edited = editMessage(doc, sent.userMessageId, 'see this', 'openai/gpt-4o', 2);
    expect(readMessage(doc, edited.userMessageId)?.attachments).toEqual([photo]);
  });
});

describe('the attachments of the draft', () => {
  it('are added once each, updated in place and removed', () => {
    const doc = new Y.Doc();
    expect(addDraftAttachment(doc, { ...photo, thumbSha256: undefined })).toBe(true);
    expect(addDraftAttachment(doc, report)).toBe(true);
    expect(addDraftAttachment(doc, photo)).toBe(false);
    expect(updateDraftAttachment(doc, photo.sha256, { thumbSha256: photo.thumbSha256 })).toBe(true);
    expect(readDraftAttachments(doc)).toEqual([photo, report]);
    expect(removeDraftAttachment(doc, photo.sha256)).toBe(true);
    expect(removeDraftAttachment(doc, photo.sha256)).toBe(false);
    expect(updateDraftAttachment(doc, photo.sha256, { name: 'x' })).toBe(false);
    expect(readDraftAttachments(doc)).toEqual([report]);
    clearDraftAttachments(doc);
    expect(readDraftAttachments(doc)).toEqual([]);
  });

  it(`hold at most ${ATTACHMENT_LIMITS.perMessage}`, () => {
    const doc = new Y.Doc();
    for (let i = 0; i < ATTACHMENT_LIMITS.perMessage; i++) {
      expect(addDraftAttachment(doc, { ...report, sha256: sha(10 + i) })).toBe(true);
    }
    expect(addDraftAttachment(doc, photo)).toBe(false);
  });

  it('sync between devices: chips added on both appear on both, the same file once', () => {
    const laptop = new Y.Doc();
    const phone = new Y.Doc();
    addDraftAttachment(laptop, photo);
    addDraftAttachment(phone, report);
    addDraftAttachment(phone, photo);
    exchange(laptop, phone);
    expect(readDraftAttachments(laptop)).toEqual(readDraftAttachments(phone));
    expect(readDraftAttachments(laptop).map((a) => a.name)).toEqual(expect.arrayContaining(['cat.png', 'report.pdf']));
    expect(readDraftAttachments(laptop)).toHaveLength(2);
    // Removing the file removes every copy of it, whichever device added them.
    removeDraftAttachment(phone, photo.sha256);
    exchange(laptop, phone);
    expect(readDraftAttachments(laptop)).toEqual([report]);
    expect(draftAttachmentsOf(laptop).length).toBe(1);
  });

  it('move into the message on send, leaving the draft empty', () => {
    const doc = new Y.Doc();
    draftOf(doc).insert(0, 'two files');
    addDraftAttachment(doc, photo);
    addDraftAttachment(doc, report);
    const sent = sendMessage(doc, 'two files', 'openai/gpt-4o', 1);
    expect(readMessage(doc, sent.userMessageId)?.attachments).toEqual([photo, report]);
    expect(readMessage(doc, sent.replyId)).not.toHaveProperty('attachments');
    expect(readDraftAttachments(doc)).toEqual([]);
    expect(draftOf(doc).toString()).toBe('');
  });
});

describe('threadBlobRefs', () => {
  it('lists the files and previews of every branch and of the draft', () => {
    const doc = new Y.Doc();
    const first = addMessage(doc, { role: 'user', parentId: null, now: 1, attachments: [photo] });
    addMessage(doc, { role: 'user', parentId: null, now: 2, attachments: [report] });
    addMessage(doc, { role: 'assistant', parentId: first, now: 3 });
    addDraftAttachment(doc, { ...report, sha256: sha(9), thumbSha256: sha(8) });
    expect(threadBlobRefs(doc)).toEqual(new Set([sha(1), sha(2), sha(3), sha(8), sha(9)]));
    expect(threadBlobRefs(new Y.Doc())).toEqual(new Set());
  });

  it('keeps a blob whose entry readers skip, and any beyond the readers limit', () => {
    const doc = new Y.Doc();
    const id = addMessage(doc, { role: 'user', parentId: null, now: 1 });
    const entries = Array.from({ length: 30 }, (_, i) => ({ sha256: sha(100 + i), name: '', size: 0 }));
    doc.getMap<Y.Map<unknown>>('messages').get(id)!.set('attachments', entries);
    expect(readMessage(doc, id)).not.toHaveProperty('attachments');
    expect(threadBlobRefs(doc).size).toBe(30);
  });
});
