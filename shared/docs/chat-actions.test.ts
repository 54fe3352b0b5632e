import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { editMessage, regenerate, sendMessage, stopReply } from './chat-actions';
import { activePath, childrenOf, draftOf, readMessage, switchBranch } from './thread-doc';

const texts = (doc: Y.Doc) => activePath(doc).map((m) => `${m.role}:${m.text}:${m.status}`);

describe('chat actions', () => {
  it('send writes the message and a queued reply in one change, and clears the draft', () => {
    const doc = new Y.Doc();
    draftOf(doc).insert(0, 'hi');
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const { replyId } = sendMessage(doc, 'hi', 'openai/gpt-4.1-mini', 1);
    expect(updates).toHaveLength(1);
    expect(texts(doc)).toEqual(['user:hi:done', 'assistant::queued']);
    expect(readMessage(doc, replyId)?.model).toBe('openai/gpt-4.1-mini');
    expect(draftOf(doc).toString()).toBe('');
  });

  it('a second send continues the active path', () => {
    const doc = new Y.Doc();
    sendMessage(doc, 'one', 'm', 1);
    sendMessage(doc, 'two', 'm', 2);
    expect(activePath(doc).map((m) => m.text)).toEqual(['one', '', 'two', '']);
  });

  it('regenerate adds a sibling and shows it; switching branches shows each path', () => {
    const doc = new Y.Doc();
    const { userMessageId, replyId } = sendMessage(doc, 'q', 'm', 1);
    const second = regenerate(doc, replyId, 'other', 2);
    expect(childrenOf(doc, userMessageId).map((m) => m.id)).toEqual([replyId, second]);
    expect(activePath(doc).at(-1)?.id).toBe(second);
    switchBranch(doc, replyId);
    expect(activePath(doc).at(-1)?.id).toBe(replyId);
  });

  it('edit sends a sibling user message with its own reply', () => {
    const doc = new Y.Doc();
    const first = sendMessage(doc, 'original', 'm', 1);
    const edited = editMessage(doc, first.userMessageId, 'edited', 'm', 2);
    expect(activePath(doc).map((m) => m.text)).toEqual(['edited', '']);
    expect(childrenOf(doc, null).map((m) => m.id)).toEqual([first.userMessageId, edited.userMessageId]);
  });

  it('two devices replying offline to the same message make two branches', () => {
    const a = new Y.Doc();
    const { replyId } = sendMessage(a, 'q', 'm', 1);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const fromA = regenerate(a, replyId, 'm', 2);
    const fromB = regenerate(b, replyId, 'm', 3);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    const parent = readMessage(a, replyId)!.parentId;
    expect(
      childrenOf(a, parent)
        .map((m) => m.id)
        .sort(),
    ).toEqual([replyId, fromA, fromB].sort());
  });

  it('stop marks a queued or streaming reply for cancelling, and leaves finished ones alone', () => {
    const doc = new Y.Doc();
    const { replyId, userMessageId } = sendMessage(doc, 'q', 'm', 1);
    stopReply(doc, replyId);
    expect(readMessage(doc, replyId)?.status).toBe('cancel');
    stopReply(doc, userMessageId);
    expect(readMessage(doc, userMessageId)?.status).toBe('done');
  });
});
