import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { indexDocName, threadDocName } from '../../shared/docs/names';
import { addMessage, type MessageStatus } from '../../shared/docs/thread-doc';
import { DEFAULT_SYNC_LIMITS } from '../../shared/sync/protocol';
import { DataKeys } from '../crypto/data-keys';
import { openDatabase } from '../db/open';
import { createLogger } from '../log/logger';
import { DocRegistry } from '../sync/doc-registry';
import { DocStore } from '../sync/doc-store';
import { GenerationLog } from './generations';
import { reopenFromDocs, reopenIndexed } from './recover';

const USER = 'a'.repeat(32);

function setup() {
  const lines: string[] = [];
  const log = createLogger({ write: (line) => lines.push(line) });
  const db = openDatabase(mkdtempSync(path.join(tmpdir(), 'hearth-recover-')));
  db.prepare("INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, 'a@b.c', 'A', 'x', 0)").run(
    USER,
  );
  const store = new DocStore(db, new DataKeys(db, randomBytes(32)), log);
  const docs = new DocRegistry(store, DEFAULT_SYNC_LIMITS, log);
  const opened: string[] = [];
  docs.observe((live) => opened.push(live.name));
  /** Stores a thread whose last reply has `status`; returns its doc name. */
  const thread = async (threadId: string, status: MessageStatus) => {
    const doc = new Y.Doc();
    const question = addMessage(doc, { role: 'user', parentId: null, now: 1, text: 'q' });
    addMessage(doc, { role: 'assistant', parentId: question, now: 2, status });
    const name = threadDocName(USER, threadId);
    await store.append(USER, name, Y.encodeStateAsUpdate(doc));
    return name;
  };
  return { db, docs, log, lines, opened, thread, generations: new GenerationLog(db) };
}

describe('recovery at boot', () => {
  it('opens every stored thread with a queued, streaming or cancelled reply, and no other doc', async () => {
    const { docs, log, lines, opened, thread, generations } = setup();
    const owed = [
      await thread('b'.repeat(32), 'queued'),
      await thread('c'.repeat(32), 'streaming'),
      await thread('d'.repeat(32), 'cancel'),
    ];
    await thread('e'.repeat(32), 'done');
    await thread('f'.repeat(32), 'error');
    await docs.store.append(USER, indexDocName(USER), Y.encodeStateAsUpdate(new Y.Doc()));

    await reopenFromDocs({ docs, generations, log }, () => false);
    expect(opened.sort()).toEqual(owed.sort());
    expect(lines.at(-1)).toContain('"threads":5,"reopened":3');
  });

  it('leaves loaded docs alone, stops when told to, and gets past a doc it cannot read', async () => {
    const { db, docs, log, lines, opened, thread, generations } = setup();
    await thread('b'.repeat(32), 'queued');
    docs.open({ kind: 'thread', userId: USER, threadId: 'b'.repeat(32) });
    const broken = await thread('c'.repeat(32), 'queued');
    db.prepare('UPDATE doc_updates SET data = ? WHERE doc_name = ?').run(Buffer.from('garbage'), broken);
    const owed = await thread('d'.repeat(32), 'queued');

    opened.length = 0;
    await reopenFromDocs({ docs, generations, log }, () => false);
    expect(opened).toEqual([owed]);
    expect(lines.some((line) => line.includes('"reopened":1'))).toBe(true);

    docs.drop(owed, 1000, 'test');
    opened.length = 0;
    await reopenFromDocs({ docs, generations, log }, () => true);
    expect(opened).toEqual([]);
  });

  it('reopens the docs the index lists and drops rows whose reply needs nothing more', async () => {
    const { docs, log, opened, thread, generations } = setup();
    const waiting = await thread('b'.repeat(32), 'queued');
    const done = await thread('c'.repeat(32), 'done');
    generations.mark({ docName: waiting, messageId: 'm1', userId: USER, state: 'queued' });
    generations.mark({ docName: done, messageId: 'm2', userId: USER, state: 'streaming' });
    generations.mark({ docName: threadDocName(USER, 'd'.repeat(32)), messageId: 'm3', userId: USER, state: 'queued' });

    reopenIndexed({ docs, generations, log }, (_doc, messageId) => messageId === 'm1');
    expect(opened).toEqual([waiting, done, threadDocName(USER, 'd'.repeat(32))]);
    expect(generations.unfinished().map((row) => row.messageId)).toEqual(['m1']);
  });
});
