// Benchmark 3, server memory per idle connection and per loaded doc (Hearth): on a fresh
// server, the change in memory after GC when `sockets` idle sockets join `socketDocs` loaded
// docs, then when `docs` more thread docs are loaded (uploaded through /api/sync, which
// keeps them in memory). Sockets come first, while the heap is calm: their figure is small.
import path from 'node:path';
import Database from 'better-sqlite3';
import { newId } from '../../shared/docs/ids';
import { threadDocName } from '../../shared/docs/names';
import { signUp } from './account';
import { connectAll } from './raw-client';
import { type MemoryAfterGc, startHearth } from './servers';
import { uploadDocs } from './sync-api';
import { type ThreadShape, threadUpdate } from './thread-fixtures';

export interface MemoryOptions {
  docs: number;
  sockets: number;
  /** Docs loaded first, which the idle sockets are spread over. */
  socketDocs: number;
  thread: ThreadShape;
  connectConcurrency: number;
}

export interface MemoryRound {
  /** Encoded size of one loaded doc. */
  docBytes: number;
  perDoc: { rssBytes: number; heapBytes: number };
  perSocket: { rssBytes: number; heapBytes: number };
  baselineRssMiB: number;
}

/**
 * Docs leave memory after 30 s idle (doc-registry.ts), compacting as they go: a doc whose
 * log is empty again has left memory, and a round in which one did is refused.
 */
function countUnloaded(dataDir: string, userId: string): number {
  const db = new Database(path.join(dataDir, 'hearth.db'), { readonly: true });
  try {
    return (
      db
        .prepare<[string], number>('SELECT count(*) FROM docs WHERE user_id = ? AND log_count = 0')
        .pluck()
        .get(userId) ?? 0
    );
  } finally {
    db.close();
  }
}

const per = (from: MemoryAfterGc, to: MemoryAfterGc, n: number) => ({
  rssBytes: (to.rss - from.rss) / n,
  heapBytes: (to.heapUsed + to.external - from.heapUsed - from.external) / n,
});

/** The thread docs a round loads (made once, shared by the rounds). */
export const memoryRoundDocs = (o: MemoryOptions) =>
  Array.from({ length: o.socketDocs + o.docs }, (_, i) => threadUpdate(o.thread, i));

export async function runMemoryRound(o: MemoryOptions, updates: readonly Uint8Array[]): Promise<MemoryRound> {
  const server = await startHearth();
  try {
    const user = await signUp(server.url);
    const call = { url: server.url, cookie: user.cookie };
    const docs = updates.map((update) => ({ name: threadDocName(user.id, newId()), update }));
    const socketDocs = docs.slice(0, o.socketDocs);
    await uploadDocs(call, socketDocs);
    const before = await server.memoryAfterGc();
    const names = Array.from({ length: o.sockets }, (_, i) => socketDocs[i % socketDocs.length]!.name);
    const target = { kind: 'hearth' as const, url: server.url, cookie: user.cookie };
    const clients = await connectAll(target, names, o.connectConcurrency, false);
    const connected = await server.memoryAfterGc();
    await uploadDocs(call, docs.slice(o.socketDocs));
    const loaded = await server.memoryAfterGc();
    if (countUnloaded(server.dataDir, user.id) > 0) {
      throw new Error('docs left memory (idle unload) before the round was measured; use fewer docs or sockets');
    }
    for (const client of clients) client.close();
    return {
      docBytes: updates.reduce((sum, update) => sum + update.byteLength, 0) / updates.length,
      perSocket: per(before, connected, o.sockets),
      perDoc: per(connected, loaded, o.docs),
      baselineRssMiB: before.rss / 2 ** 20,
    };
  } finally {
    await server.stop();
  }
}
