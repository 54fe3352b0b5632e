import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sendMessage } from './chat-actions';
import { copyPath, pathUpTo } from './fork';
import { activePath, appendMessageText, setMessageStatus } from './thread-doc';

function sourceThread() {
  const doc = new Y.Doc();
  const first = sendMessage(doc, 'What is a CRDT?', 'openai/gpt-4.1-mini', 1);
  appendMessageText(doc, first.replyId, 'A data type that merges.');
  setMessageStatus(doc, first.replyId, 'done', { usage: { inputTokens: 5, outputTokens: 6 } });
  const second = sendMessage(doc, 'Show me one', 'openai/gpt-4.1', 2);
  appendMessageText(doc, second.replyId, 'Here is a partial');
  setMessageStatus(doc, second.replyId, 'streaming');
  return { doc, first, second };
}

const shape = (doc: Y.Doc) =>
  activePath(doc).map(({ role, text, model, status, usage }) => ({ role, text, model, status, usage }));

describe('fork', () => {
  it('pathUpTo cuts the path after the chosen message', () => {
    const { doc, first } = sourceThread();
    const path = activePath(doc);
    expect(pathUpTo(path, first.replyId).map((m) => m.text)).toEqual(['What is a CRDT?', 'A data type that merges.']);
    expect(pathUpTo(path, 'missing')).toEqual([]);
  });

  it('copies the path with new ids, usage and models, as the active path of the new doc', () => {
    const { doc, first } = sourceThread();
    const target = new Y.Doc();
    const updates: Uint8Array[] = [];
    target.on('update', (u: Uint8Array) => updates.push(u));
    const leaf = copyPath(target, pathUpTo(activePath(doc), first.replyId));
    expect(updates).toHaveLength(1);
    expect(shape(target)).toEqual([
      { role: 'user', text: 'What is a CRDT?', model: null, status: 'done', usage: null },
      {
        role: 'assistant',
        text: 'A data type that merges.',
        model: 'openai/gpt-4.1-mini',
        status: 'done',
        usage: { inputTokens: 5, outputTokens: 6 },
      },
    ]);
    expect(activePath(target).at(-1)?.id).toBe(leaf);
    expect(leaf).not.toBe(first.replyId);
  });

  it('stops a reply that is still streaming in the source, keeping its text', () => {
    const { doc } = sourceThread();
    const target = new Y.Doc();
    copyPath(target, activePath(doc));
    expect(activePath(target).at(-1)).toMatchObject({ text: 'Here is a partial', status: 'cancelled' });
  });

  it('copies nothing for an empty path', () => {
    expect(copyPath(new Y.Doc(), [])).toBeNull();
  });
});
