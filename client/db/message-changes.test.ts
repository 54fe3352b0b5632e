// The message change log: every write to the messages view, however it is made, leaves the
// ids it touched in the log, committed with it or not at all.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db, type MessageRow } from './hearth-db';

beforeEach(() => db.delete({ disableAutoOpen: false }));

const row = (id: string, threadId = 't1'): MessageRow => ({
  id,
  threadId,
  userId: 'u',
  role: 'user',
  status: 'done',
  parentId: null,
  model: null,
  text: `text of ${id}`,
  createdAt: 1,
});

const log = async () => (await db.messageChanges.toArray()).map(({ ids, all }) => (all ? 'all' : ids));

describe('message change log', () => {
  it('records the ids of puts and deletes, by key or by query, in order', async () => {
    await db.messages.bulkPut([row('a'), row('b'), row('c', 't2')]);
    await db.messages.put({ ...row('a'), text: 'changed' });
    await db.messages.where('threadId').equals('t1').delete();
    await db.messages.delete('c');
    expect(await log()).toEqual([['a', 'b', 'c'], ['a'], ['a', 'b'], ['c']]);
  });

  it('joins the writer’s own transaction, and a clear means every message', async () => {
    await db.transaction('rw', [db.docState, db.messages], async () => {
      await db.docState.put({ doc: 'd', knownUpdatedAt: 1 });
      await db.messages.bulkPut([row('x')]);
    });
    await db.messages.clear();
    expect(await log()).toEqual([['x'], 'all']);
  });

  it('is not written when the transaction fails', async () => {
    await expect(
      db.transaction('rw', db.messages, async () => {
        await db.messages.put(row('y'));
        throw new Error('the writer gave up');
      }),
    ).rejects.toThrow('the writer gave up');
    expect(await log()).toEqual([]);
    expect(await db.messages.count()).toBe(0);
  });
});
