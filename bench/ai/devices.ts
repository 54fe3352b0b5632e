// Devices for the AI bench: signed-in clients with thread docs open over the stock
// y-websocket provider, and a watcher that stamps when each streamed token reaches a device.
import type * as Y from 'yjs';
import { createThread } from '../../shared/docs/index-doc';
import { indexDocName, threadDocName } from '../../shared/docs/names';
import { addMessage, messageText, readMessage } from '../../shared/docs/thread-doc';
import { ApiClient } from '../../tests/support/api-client';
import { type Connected, connectDoc } from '../../tests/support/sync-device';

export interface User {
  userId: string;
  devices: ApiClient[];
}

export async function signUp(baseUrl: string, devices: number): Promise<User> {
  const first = new ApiClient(baseUrl);
  const { id, email, password } = await first.signup();
  const all = [first];
  for (let i = 1; i < devices; i++) {
    const device = new ApiClient(baseUrl);
    const result = await device.post('/api/auth/login', { email, password });
    if (result.status !== 200) throw new Error(`login failed: ${result.status}`);
    all.push(device);
  }
  return { userId: id, devices: all };
}

/** Creates threads in the user's index (through `device`) and returns their ids. */
export async function createThreads(
  device: ApiClient,
  userId: string,
  count: number,
): Promise<{ ids: string[]; index: Connected }> {
  const index = await connectDoc(device, indexDocName(userId));
  const ids = Array.from({ length: count }, () => createThread(index.doc, { now: Date.now() }));
  return { ids, index };
}

export function openThread(device: ApiClient, userId: string, threadId: string): Promise<Connected> {
  return connectDoc(device, threadDocName(userId, threadId));
}

/** Writes a user message and a queued assistant placeholder, as the app does. */
export function send(doc: Y.Doc, text: string, parentId: string | null): { userMessageId: string; replyId: string } {
  let userMessageId = '';
  let replyId = '';
  doc.transact(() => {
    userMessageId = addMessage(doc, { role: 'user', parentId, now: Date.now(), text });
    replyId = addMessage(doc, { role: 'assistant', parentId: userMessageId, now: Date.now(), status: 'queued' });
  });
  return { userMessageId, replyId };
}

/** "t0 t1 … t(n-1)": the fake streams it as n tokens, so a device can count whole tokens. */
export const numberedReply = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`).join(' ');

export interface Watch {
  /** performance.now() when the device held token i (index = token number). */
  arrivals: number[];
  done: boolean;
  status: string;
  stop(): void;
}

/** Stamps each token of `replyId` as it reaches `doc`, and notes when the reply is done. */
export function watchReply(doc: Y.Doc, replyId: string, expected: number): Watch {
  const watch: Watch = { arrivals: [], done: false, status: 'queued', stop: () => doc.off('update', onUpdate) };
  const onUpdate = () => {
    const now = performance.now();
    const text = messageText(doc, replyId)?.toString() ?? '';
    const count = text ? text.split(' ').length : 0;
    while (watch.arrivals.length < count) watch.arrivals.push(now);
    if (count >= expected || watch.status !== 'streaming') {
      const status = readMessage(doc, replyId)?.status ?? 'queued';
      watch.status = status;
      if (status === 'done' || status === 'error' || status === 'cancelled' || status === 'interrupted') {
        watch.done = true;
        doc.off('update', onUpdate);
      }
    }
  };
  doc.on('update', onUpdate);
  return watch;
}
