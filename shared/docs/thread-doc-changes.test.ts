// messageChanges: what one transaction changed in a thread's messages, for the device's
// views and the conversation on screen, whether the change was made here or arrived.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { regenerate } from './chat-actions';
import {
  addMessage,
  appendMessageText,
  draftOf,
  type MessageChanges,
  messageChanges,
  switchBranch,
} from './thread-doc';

/** Every transaction's changes on `doc` while `act` runs. */
function changesDuring(doc: Y.Doc, act: () => void): MessageChanges[] {
  const seen: MessageChanges[] = [];
  const listener = (transaction: Y.Transaction) => seen.push(messageChanges(transaction));
  doc.on('afterTransaction', listener);
  act();
  doc.off('afterTransaction', listener);
  return seen;
}

describe('messageChanges', () => {
  const doc = new Y.Doc();
  const question = addMessage(doc, { role: 'user', parentId: null, now: 1, text: 'Hi?' });
  const reply = addMessage(doc, { role: 'assistant', parentId: question, now: 2, text: 'Hello' });

  it('names the message a token went to, without a change of structure', () => {
    expect(changesDuring(doc, () => appendMessageText(doc, reply, ' there'))).toEqual([
      { ids: new Set([reply]), structure: false },
    ]);
  });

  it('marks a new message and a branch switch as structure; the draft as nothing', () => {
    let second = '';
    const [added] = changesDuring(doc, () => {
      second = regenerate(doc, reply, 'm', 3);
    });
    expect(added).toEqual({ ids: new Set([second]), structure: true });
    expect(changesDuring(doc, () => switchBranch(doc, reply))).toEqual([{ ids: new Set(), structure: true }]);
    expect(changesDuring(doc, () => draftOf(doc).insert(0, 'typing'))).toEqual([{ ids: new Set(), structure: false }]);
  });

  it('names the message changed on another device, once the update arrives', () => {
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(other);
    appendMessageText(other, question, ' Anyone?');
    const update = Y.encodeStateAsUpdate(other, before);
    expect(changesDuring(doc, () => Y.applyUpdate(doc, update))).toEqual([
      { ids: new Set([question]), structure: false },
    ]);
  });
});
