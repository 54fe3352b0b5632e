// Choosing a thread's custom mode (its `modeId` in the index doc); the server adds the
// mode's system prompt to the thread's requests.
// TODO(lead): index-doc.ts has a private updateThread this duplicates; fold it in there.
import type * as Y from 'yjs';
import { childMap } from './schema';

/** Sets (or with null clears) the mode of a thread that exists and is not deleted. */
export function setThreadMode(doc: Y.Doc, threadId: string, modeId: string | null, now: number): boolean {
  const map = childMap(doc.getMap<unknown>('threads'), threadId);
  if (!map || map.get('deletedAt') !== undefined) return false;
  doc.transact(() => {
    if (modeId) map.set('modeId', modeId);
    else map.delete('modeId');
    map.set('updatedAt', now);
  });
  return true;
}
