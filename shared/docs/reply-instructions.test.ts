import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { editMessage, regenerate, sendMessage } from './chat-actions';
import { createThread, setThreadMode, writeSetting } from './index-doc';
import { createMode, deleteMode, updateMode } from './modes';
import { instructionsNow } from './reply-instructions';
import { addMessage, readReplyInstructions, requeueReply, setMessageStatus } from './thread-doc';

const ADA = { name: 'Ada', occupation: '', traits: ['concise'], about: '' };

function indexWithMode() {
  const index = new Y.Doc();
  const modeId = createMode(index, { name: 'Pirate', systemPrompt: 'Talk like a pirate.', now: 1 });
  const threadId = createThread(index, { now: 1, modeId });
  writeSetting(index, 'customInstructions', ADA);
  return { index, modeId, threadId };
}

describe('instructions pinned on a reply', () => {
  it('are read from the index as they are now: the thread’s mode and the custom instructions', () => {
    const { index, modeId, threadId } = indexWithMode();
    expect(instructionsNow(index, threadId)).toEqual({
      modeId,
      modePrompt: 'Talk like a pirate.',
      customInstructions: ADA,
    });
    deleteMode(index, modeId, 2);
    expect(instructionsNow(index, threadId)).toMatchObject({ modeId: null, modePrompt: '' });
    setThreadMode(index, threadId, null, 3);
    expect(instructionsNow(index, 'unknown-thread')).toMatchObject({ modeId: null, modePrompt: '' });
  });

  it('stay as they were when sent, regenerated or edited, whatever changes afterwards', () => {
    const { index, modeId, threadId } = indexWithMode();
    const doc = new Y.Doc();
    const sent = sendMessage(doc, 'q', 'm', 1, instructionsNow(index, threadId));
    const again = regenerate(doc, sent.replyId, 'm', 2, instructionsNow(index, threadId));
    const edited = editMessage(doc, sent.userMessageId, 'q2', 'm', 3, instructionsNow(index, threadId));
    updateMode(index, modeId, { systemPrompt: 'Talk like a lawyer.' });
    setThreadMode(index, threadId, null, 4);
    writeSetting(index, 'customInstructions', { ...ADA, name: 'Grace' });

    const pinned = { modeId, modePrompt: 'Talk like a pirate.', customInstructions: ADA };
    for (const id of [sent.replyId, again, edited.replyId]) expect(readReplyInstructions(doc, id)).toEqual(pinned);
    // Retrying a failed reply in place asks the same request again.
    setMessageStatus(doc, sent.replyId, 'error', { error: 'failed' });
    requeueReply(doc, sent.replyId);
    expect(readReplyInstructions(doc, sent.replyId)).toEqual(pinned);
    // The pin reaches other devices as written.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    expect(readReplyInstructions(other, edited.replyId)).toEqual(pinned);
  });

  it('are absent on a placeholder from before pins, and an unreadable pin counts as absent', () => {
    const doc = new Y.Doc();
    const old = addMessage(doc, { role: 'assistant', parentId: null, now: 1, model: 'm', status: 'queued' });
    expect(readReplyInstructions(doc, old)).toBeNull();
    const bad = addMessage(doc, { role: 'assistant', parentId: null, now: 2, status: 'queued' });
    const map = doc.getMap<Y.Map<unknown>>('messages').get(bad)!;
    map.set('instructions', { modeId: 7, modePrompt: 'x', customInstructions: ADA });
    expect(readReplyInstructions(doc, bad)).toBeNull();
    map.set('instructions', { modeId: null, modePrompt: 'x', customInstructions: { traits: 'not a list' } });
    expect(readReplyInstructions(doc, bad)).toBeNull();
    expect(readReplyInstructions(doc, 'no-such-message')).toBeNull();
  });
});
