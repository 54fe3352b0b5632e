// Realistic docs to load and fetch: thread docs of alternating user questions and assistant
// answers (made with the shared accessors, as the app makes them) and an index listing them.
import * as Y from 'yjs';
import { newId } from '../../shared/docs/ids';
import { createThread } from '../../shared/docs/index-doc';
import { addMessage } from '../../shared/docs/thread-doc';

const WORDS = (
  'the of sync doc server client update state vector merge offline device thread message reply model ' +
  'token stream index commit durable latency socket batch answer question code function return value'
).split(' ');

/** Deterministic filler text of about `length` characters. */
function prose(length: number, seed: number): string {
  let out = '';
  let x = seed;
  while (out.length < length) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    out += `${WORDS[x % WORDS.length]} `;
  }
  return out.slice(0, length);
}

export interface ThreadShape {
  messages: number;
  userChars: number;
  assistantChars: number;
}

export const DEFAULT_THREAD: ThreadShape = { messages: 20, userChars: 150, assistantChars: 1200 };

/** A thread doc with `shape.messages` messages, as one Yjs update. */
export function threadUpdate(shape: ThreadShape, seed: number): Uint8Array {
  const doc = new Y.Doc();
  let parentId: string | null = null;
  for (let i = 0; i < shape.messages; i++) {
    const user = i % 2 === 0;
    parentId = addMessage(doc, {
      role: user ? 'user' : 'assistant',
      parentId,
      now: 1_700_000_000_000 + i * 1000,
      text: prose(user ? shape.userChars : shape.assistantChars, seed * 100 + i),
      model: user ? null : 'bench-model',
    });
  }
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** An index doc listing `count` threads; returns the update and the thread ids. */
export function indexUpdate(count: number): { update: Uint8Array; threadIds: string[] } {
  const doc = new Y.Doc();
  const threadIds = Array.from({ length: count }, (_, i) =>
    createThread(doc, { id: newId(), title: prose(40, i), now: 1_700_000_000_000 + i }),
  );
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { update, threadIds };
}

export const toBase64 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
export const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));
