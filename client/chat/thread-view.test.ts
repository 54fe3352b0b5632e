import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { editMessage, regenerate, sendMessage } from '../../shared/docs/chat-actions';
import { activePath, listMessages, switchBranch } from '../../shared/docs/thread-doc';
import { buildRows, estimateHeight, lastUserMessage } from './thread-view';

describe('thread view', () => {
  it('gives each message on the path its place among its siblings', () => {
    const doc = new Y.Doc();
    const { userMessageId, replyId } = sendMessage(doc, 'q', 'm', 1);
    const second = regenerate(doc, replyId, 'm', 2);
    const third = regenerate(doc, replyId, 'm', 3);
    switchBranch(doc, second);
    const rows = buildRows(listMessages(doc), activePath(doc));
    expect(rows.map((r) => [r.message.id, r.position, r.count, r.prevId, r.nextId])).toEqual([
      [userMessageId, 0, 1, null, null],
      [second, 1, 3, replyId, third],
    ]);
  });

  it('finds the last user message on the path', () => {
    const doc = new Y.Doc();
    const first = sendMessage(doc, 'one', 'm', 1);
    const edited = editMessage(doc, first.userMessageId, 'one, edited', 'm', 2);
    const rows = buildRows(listMessages(doc), activePath(doc));
    expect(lastUserMessage(rows)?.id).toBe(edited.userMessageId);
    expect(lastUserMessage([])).toBeUndefined();
  });

  it('estimates taller rows for longer text', () => {
    const doc = new Y.Doc();
    sendMessage(doc, 'short', 'm', 1);
    const [short] = activePath(doc);
    const long = { ...short!, text: 'word '.repeat(400) };
    expect(estimateHeight(long, 700)).toBeGreaterThan(estimateHeight(short!, 700) * 5);
  });
});
