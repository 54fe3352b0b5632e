// The indexer's worker thread (started through index-worker.mjs): reads stored thread docs
// from hearth.db (read-only, opened with the data key handed over with each job), decodes
// them and writes their messages into search.db, through connections of its own. It works
// through the jobs in the order they came, one doc per transaction, and answers each batch
// with what it wrote.
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { parseDocName } from '../../shared/docs/names';
import { listMessages } from '../../shared/docs/thread-doc';
import { HandedKeys } from '../crypto/data-keys';
import type { LogFields, Logger, LogLevel } from '../log/logger';
import { DocStore } from '../sync/doc-store';
import { errorFields, type FromWorker, type IndexJob, type JobResult, type ToWorker, toDocMessage } from './index-jobs';
import { IndexStore } from './index-store';
import { openSearchDbAgain, type SearchDb } from './search-db';
import { VectorStore } from './vector-store';

const port = parentPort!;
const { dataDir } = workerData as { dataDir: string };
const send = (message: FromWorker) => port.postMessage(message);

/** Logs through the main thread's logger (which redacts). */
const log: Logger = {
  debug: (msg, fields) => forward('debug', msg, fields),
  info: (msg, fields) => forward('info', msg, fields),
  warn: (msg, fields) => forward('warn', msg, fields),
  error: (msg, fields) => forward('error', msg, fields),
  child: () => log,
};
function forward(level: LogLevel, msg: string, fields?: LogFields): void {
  const err = fields?.err;
  send({ type: 'log', level, msg, fields: err === undefined ? fields : { ...fields, err: errorFields(err) } });
}

let search: SearchDb;
try {
  search = openSearchDbAgain(dataDir);
} catch (error) {
  send({ type: 'failed', error: errorFields(error) });
  process.exit(1);
}
const hearth = new Database(path.join(dataDir, 'hearth.db'), { readonly: true });
hearth.pragma('busy_timeout = 5000');
const keys = new HandedKeys();
const store = new DocStore(hearth, keys, log);
const index = new IndexStore(search, new VectorStore(search));

/** True once the doc is no longer stored (a deleted chat is purged before its rows go). */
const gone = (name: string) => store.updatedAt(name) === undefined || store.isPurged(name);

/** The doc's messages and the change they are as of, read in one snapshot of hearth.db. */
const readStored = hearth.transaction((job: Extract<IndexJob, { kind: 'load' }>) => {
  const updatedAt = store.updatedAt(job.name);
  if (updatedAt === undefined || store.isPurged(job.name)) return undefined;
  const { state } = store.load(job.userId, job.name);
  const doc = new Y.Doc();
  try {
    if (state) Y.applyUpdate(doc, state);
    return { updatedAt, messages: listMessages(doc).map(toDocMessage) };
  } finally {
    doc.destroy();
  }
});

/**
 * Writes a thread's rows, unless its doc was deleted meanwhile: checked inside the write
 * transaction, so a deletion the main thread wrote first is never undone.
 */
const writeRows = search.transaction((job: Extract<IndexJob, { kind: 'write' }>): number => {
  if (gone(job.name)) {
    index.removeDoc(job.name);
    return 0;
  }
  const key = { name: job.name, userId: job.userId, threadId: job.threadId };
  return index.writeThread(key, job.messages, { complete: job.complete, gone: job.gone, updatedAt: job.updatedAt });
});

function run(job: IndexJob): number {
  switch (job.kind) {
    case 'remove':
      index.removeDoc(job.name);
      return 0;
    case 'write':
      return writeRows.immediate(job);
    case 'load': {
      keys.hold(job.userId, job.key);
      try {
        const read = readStored(job);
        if (!read) {
          index.removeDoc(job.name);
          return 0;
        }
        const { name, userId, threadId } = job;
        return writeRows.immediate({ kind: 'write', name, userId, threadId, complete: true, gone: [], ...read });
      } finally {
        keys.release(job.userId);
      }
    }
    default:
      job satisfies never;
      return 0;
  }
}

function reconcile(): FromWorker {
  const indexed = index.indexedDocs();
  const changed: string[] = [];
  for (const { name, updatedAt } of store.listed()) {
    if (parseDocName(name)?.kind !== 'thread') continue;
    const at = indexed.get(name);
    indexed.delete(name);
    if (at !== updatedAt) changed.push(name);
  }
  return { type: 'reconciled', changed, gone: [...indexed.keys()] };
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'reconcile') {
    send(reconcile());
    return;
  }
  const results: JobResult[] = message.jobs.map((job) => {
    const userId = job.kind === 'remove' ? null : job.userId;
    try {
      return { name: job.name, userId, written: run(job) };
    } catch (error) {
      return { name: job.name, userId, written: 0, error: errorFields(error) };
    }
  });
  send({ type: 'done', results });
});
