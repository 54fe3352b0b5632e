import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addMessage, readMessage, requeueReply, setMessageStatus } from '../docs/thread-doc';
import { isReplyErrorKind } from './reply-errors';

function failedReply(change: Parameters<typeof setMessageStatus>[3]) {
  const doc = new Y.Doc();
  const question = addMessage(doc, { role: 'user', parentId: null, now: 1, text: 'Hi' });
  const reply = addMessage(doc, { role: 'assistant', parentId: question, now: 2, status: 'queued' });
  setMessageStatus(doc, reply, 'error', change);
  return { doc, reply };
}

describe('a failed reply’s error kind', () => {
  it('is stored with the error and read back', () => {
    const { doc, reply } = failedReply({ error: 'Your OpenAI key was refused.', errorKind: 'bad-key' });
    expect(readMessage(doc, reply)).toMatchObject({ status: 'error', errorKind: 'bad-key' });
  });

  it('is absent on an error stored without one (an older doc), and on an unknown word', () => {
    const { doc, reply } = failedReply({ error: 'Something went wrong.' });
    expect(readMessage(doc, reply)?.errorKind).toBeUndefined();
    const map = doc.getMap<Y.Map<unknown>>('messages').get(reply)!;
    map.set('errorKind', 'a-kind-from-the-future');
    expect(readMessage(doc, reply)?.errorKind).toBeUndefined();
  });

  it('goes when the reply is retried', () => {
    const { doc, reply } = failedReply({ error: 'Rate limited.', errorKind: 'rate-limit' });
    requeueReply(doc, reply);
    expect(readMessage(doc, reply)).toMatchObject({ status: 'queued', error: null });
    expect(readMessage(doc, reply)?.errorKind).toBeUndefined();
  });

  it('is one of the known words', () => {
    expect(isReplyErrorKind('no-key')).toBe(true);
    expect(isReplyErrorKind('offline')).toBe(false);
    expect(isReplyErrorKind(401)).toBe(false);
  });
});
