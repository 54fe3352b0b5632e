// The indexer never holds the event loop: a large stored thread is read and written on the
// worker thread, so this thread keeps turning while its rows are being written (a third
// connection finds the index file's write lock taken by someone else between two turns).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { threadDocName } from '../../shared/docs/names';
import { addMessage } from '../../shared/docs/thread-doc';
import type { AiConfig } from '../config';
import { DataKeys } from '../crypto/data-keys';
import { type Db, openDatabase } from '../db/open';
import { HearthEvents } from '../events';
import { createLogger } from '../log/logger';
import { loadMasterKey } from '../secret';
import { DocRegistry } from '../sync/doc-registry';
import { DocStore } from '../sync/doc-store';
import { resolveSyncLimits } from '../sync/limits';
import { SEARCH_DB_FILE } from './search-db';
import { ServerSearch } from './server-search';

const USER = 'c'.repeat(32);
const THREAD = 'd'.repeat(32);
const MESSAGES = 5000;
/** A budget, not a measure: building and indexing the thread takes seconds on a busy two-core machine. */
const BUDGET_MS = 60_000;
const silent = createLogger({ write: () => {} });
const ai: AiConfig = {
  shared: undefined,
  timeoutMs: 1000,
  maxPerUser: 1,
  maxTotal: 1,
  allowPrivateEndpoints: false,
  ollamaURL: 'http://127.0.0.1:11434',
  fileWaitMs: 1000,
};

let dir: string;
let db: Db;
let docs: DocRegistry;
let search: ServerSearch;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'hearth-indexer-'));
  db = openDatabase(dir);
  const keys = new DataKeys(db, loadMasterKey(dir, 'a-fixed-secret-for-the-indexer-test', silent));
  const store = new DocStore(db, keys, silent);
  db.prepare('INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)').run(
    USER,
    'indexer@test.example',
    'Test',
    'not a hash',
    Date.now(),
  );
  const doc = new Y.Doc();
  doc.transact(() => {
    let parentId: string | null = null;
    for (let i = 0; i < MESSAGES; i++) {
      parentId = addMessage(doc, { role: 'user', parentId, now: i, text: `message ${i} about lanterns and tides` });
    }
  });
  const stored = store.append(USER, threadDocName(USER, THREAD), Y.encodeStateAsUpdate(doc));
  store.flush();
  await stored;
  docs = new DocRegistry(store, resolveSyncLimits({}), silent);
  search = new ServerSearch({ dataDir: dir, db, keys, ai, docs, log: silent, events: new HearthEvents() });
}, BUDGET_MS);

afterEach(() => {
  search.close();
  docs.closeAll();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** True when another connection holds the index file's write lock right now. */
function writeLockTaken(probe: Database.Database): boolean {
  try {
    probe.exec('BEGIN IMMEDIATE');
    probe.exec('ROLLBACK');
    return false;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw error;
  }
}

it(
  'writes a thread off the event loop: the loop turns while its rows are being written',
  async () => {
    const probe = new Database(path.join(dir, SEARCH_DB_FILE));
    probe.pragma('busy_timeout = 0');
    let turnsWhileWriting = 0;
    let turning = true;
    const turn = () => {
      if (!turning) return;
      if (writeLockTaken(probe)) turnsWhileWriting++;
      setImmediate(turn);
    };
    try {
      search.indexer.start();
      turn();
      await search.indexer.whenIdle();
    } finally {
      turning = false;
      probe.close();
    }
    expect(search.file.index.countMessages(USER)).toBe(MESSAGES);
    expect(turnsWhileWriting).toBeGreaterThan(0);
  },
  BUDGET_MS,
);
