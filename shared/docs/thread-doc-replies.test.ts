import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addMessage,
  appendMessageText,
  assistantMessagesWithStatus,
  clearMessageText,
  observeMessageChanges,
  readMessage,
  requeueReply,
  setMessageStatus,
} from './thread-doc';

describe('reply helpers', () => {
  it('finds assistant messages by status, ignoring user messages', () => {
    const doc = new Y.Doc();
    const q = addMessage(doc, { role: 'user', parentId: null, now: 1, text: 'q', status: 'queued' });
    const a = addMessage(doc, { role: 'assistant', parentId: q, now: 2, status: 'queued' });
    const b = addMessage(doc, { role: 'assistant', parentId: q, now: 3, status: 'streaming' });
    addMessage(doc, { role: 'assistant', parentId: q, now: 4, status: 'done' });
    const found = assistantMessagesWithStatus(doc, ['queued', 'streaming']);
    expect(found.sort((x, y) => x.id.localeCompare(y.id))).toEqual(
      [
        { id: a, status: 'queued' },
        { id: b, status: 'streaming' },
      ].sort((x, y) => x.id.localeCompare(y.id)),
    );
  });

  it('requeues a failed reply with its text and error cleared', () => {
    const doc = new Y.Doc();
    const id = addMessage(doc, { role: 'assistant', parentId: null, now: 1, status: 'streaming' });
    appendMessageText(doc, id, 'half an ans');
    setMessageStatus(doc, id, 'error', { error: 'The connection broke off.' });
    requeueReply(doc, id);
    expect(readMessage(doc, id)).toMatchObject({ status: 'queued', text: '', error: null });
    clearMessageText(doc, id);
    expect(readMessage(doc, id)?.text).toBe('');
  });
});

describe('observeMessageChanges', () => {
  it('reports added messages and field changes, not streamed text, from local and remote changes', () => {
    const doc = new Y.Doc();
    const seen: string[][] = [];
    const stop = observeMessageChanges(doc, (ids) => seen.push([...ids]));
    const id = addMessage(doc, { role: 'assistant', parentId: null, now: 1, status: 'queued' });
    expect(seen).toEqual([[id]]);
    appendMessageText(doc, id, 'tokens');
    expect(seen).toHaveLength(1);
    setMessageStatus(doc, id, 'cancel');
    expect(seen).toEqual([[id], [id]]);

    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    const other = addMessage(remote, { role: 'user', parentId: null, now: 2, text: 'hi' });
    setMessageStatus(remote, id, 'done');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote));
    expect(new Set(seen.at(-1))).toEqual(new Set([id, other]));

    stop();
    setMessageStatus(doc, id, 'error');
    expect(seen).toHaveLength(3);
  });
});
