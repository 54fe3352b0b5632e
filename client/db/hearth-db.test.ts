import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { expect, test } from 'vitest';
import { HearthDB } from './hearth-db';

test('a device upgrading from version 3 keeps its unsent changes marked', async () => {
  const name = 'hearth-upgrade-test';
  const old = new Dexie(name);
  old.version(3).stores({
    meta: 'key',
    docUpdates: '++seq, doc',
    docState: 'doc, dirty',
    threads: 'id, userId, [userId+updatedAt]',
    messages: 'id, threadId, userId, [threadId+createdAt], [threadId+onPath+createdAt]',
  });
  await old.table('docState').bulkPut([
    { doc: 'u/thread/a', dirty: 1, knownUpdatedAt: 5 },
    { doc: 'u/thread/b', dirty: 0, knownUpdatedAt: 7 },
  ]);
  old.close();

  const upgraded = new HearthDB(name);
  expect(await upgraded.unsent.toCollection().primaryKeys()).toEqual(['u/thread/a']);
  expect(await upgraded.docState.toArray()).toEqual([
    { doc: 'u/thread/a', knownUpdatedAt: 5 },
    { doc: 'u/thread/b', knownUpdatedAt: 7 },
  ]);
  upgraded.close();
  await Dexie.delete(name);
});
