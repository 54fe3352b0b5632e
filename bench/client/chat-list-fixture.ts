// A long chat list for the sidebar's test and benchmark: `count` chats, one every 15
// minutes back from now (so Today, Yesterday, this week and months of Older), a few of them
// pinned, stored for a fresh account through /api/sync as another device would have.
import * as Y from 'yjs';
import { createThread, pinThread } from '../../shared/docs/index-doc';
import { indexDocName } from '../../shared/docs/names';
import type { ApiClient } from '../../tests/support/api-client';

/** Stores the index doc; chat `i` is titled "Chat number i", newest first. */
export async function storeManyChats(api: ApiClient, userId: string, count: number): Promise<void> {
  const index = new Y.Doc();
  const now = Date.now();
  index.transact(() => {
    for (let i = 0; i < count; i++) {
      const at = now - i * 15 * 60_000;
      const id = createThread(index, { now: at, title: `Chat number ${i}` });
      if (i % 2500 === 7) pinThread(index, id, true, at);
    }
  });
  const update = Buffer.from(Y.encodeStateAsUpdate(index)).toString('base64');
  const answer = await api.post('/api/sync', { docs: [], updates: [{ name: indexDocName(userId), update }] });
  if (answer.status !== 200) throw new Error(`storing ${count} chats failed: ${answer.status}`);
}
