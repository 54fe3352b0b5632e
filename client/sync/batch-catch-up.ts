// Batch catch-up ([S11]): fetches many thread docs and uploads offline changes through
// POST /api/sync, in chunks, writing each answer to the device in one transaction, so a
// new device with thousands of threads catches up in a few round trips.
import * as Y from 'yjs';
import type { SyncRequest, SyncResponse } from '../../shared/api/sync';
import { SYNC_PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { type DocStateRow, db, type MessageRow } from '../db/hearth-db';
import { fromBase64, toBase64 } from './base64';
import { messageRows } from './views';

/** Docs per request: well under the server's limit, and bounded memory on the device. */
const CHUNK = 500;

export interface CatchUpTarget {
  name: string;
  threadId: string;
  /** Present when the device holds changes the server has not confirmed. */
  dirty?: DocStateRow;
  /** The index's `updatedAt` for the thread when the catch-up started. */
  updatedAt?: number;
}

export interface CatchUpHooks {
  batch(body: SyncRequest): Promise<SyncResponse>;
  /** The server says the thread was deleted. */
  gone(threadId: string): Promise<void>;
  /** A fetched update for a thread that is open on screen. */
  received(threadId: string, update: Uint8Array): void;
  /** Called after each answer is stored, with how many targets are done. */
  progress(done: number): void;
}

/** Runs the catch-up for `targets`; throws what the transport throws (nothing is half-stored). */
export async function batchCatchUp(userId: string, targets: CatchUpTarget[], hooks: CatchUpHooks): Promise<void> {
  let done = 0;
  for (let i = 0; i < targets.length; i += CHUNK) {
    const chunk = targets.slice(i, i + CHUNK);
    const stored = await storedStates(chunk.map((t) => t.name));
    const docs = chunk.map((t) => {
      const state = stored.get(t.name)?.state;
      return { name: t.name, stateVector: state ? toBase64(Y.encodeStateVectorFromUpdate(state)) : '' };
    });
    let uploads = chunk.flatMap((t) => {
      const state = stored.get(t.name)?.state;
      if (!t.dirty || !state) return [];
      const sv = t.dirty.serverStateVector;
      return [{ name: t.name, update: toBase64(sv ? Y.diffUpdate(state, sv) : state) }];
    });
    let pending = chunk;
    let pendingDocs = docs;
    while (pending.length > 0) {
      const answer = await hooks.batch({ version: SYNC_PROTOCOL_VERSION, docs: pendingDocs, updates: uploads });
      uploads = [];
      const covered = pending.slice(0, answer.answered);
      await storeAnswer(userId, answer, covered, stored);
      for (const name of answer.gone) {
        const target = covered.find((t) => t.name === name);
        if (target) await hooks.gone(target.threadId);
      }
      for (const { name, update } of answer.docs) {
        const target = covered.find((t) => t.name === name);
        if (target) hooks.received(target.threadId, fromBase64(update));
      }
      done += covered.length;
      hooks.progress(done);
      pending = pending.slice(answer.answered);
      pendingDocs = pendingDocs.slice(answer.answered);
    }
  }
}

/** A doc's stored updates merged into one, and the last row's key when they were read. */
interface Stored {
  state: Uint8Array;
  lastSeq: number;
}

/** Each doc's stored updates merged into one, read in one query. */
async function storedStates(names: string[]): Promise<Map<string, Stored>> {
  const rows = await db.docUpdates.where('doc').anyOf(names).toArray();
  const byDoc = new Map<string, { updates: Uint8Array[]; lastSeq: number }>();
  for (const row of rows.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0))) {
    const doc = byDoc.get(row.doc) ?? { updates: [], lastSeq: 0 };
    doc.updates.push(row.update);
    doc.lastSeq = row.seq ?? 0;
    byDoc.set(row.doc, doc);
  }
  return new Map(
    [...byDoc].map(([name, { updates, lastSeq }]) => [
      name,
      { state: updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates), lastSeq },
    ]),
  );
}

/**
 * True when the server's answer proves it stored everything the device holds of a doc: its
 * state vector covers what was read, and nothing was written to the device since ([S15]).
 */
async function provenStored(name: string, read: Stored | undefined, serverStateVector: string): Promise<boolean> {
  if (!read) return true;
  const server = Y.decodeStateVector(fromBase64(serverStateVector));
  const covered = [...Y.decodeStateVector(Y.encodeStateVectorFromUpdate(read.state))].every(
    ([client, clock]) => clock <= (server.get(client) ?? 0),
  );
  const last = await db.docUpdates.where('doc').equals(name).last();
  return covered && (last?.seq ?? 0) === read.lastSeq;
}

/** Stores one answer: the fetched updates, the sync state and the message views, atomically. */
async function storeAnswer(
  userId: string,
  answer: SyncResponse,
  covered: CatchUpTarget[],
  stored: Map<string, Stored>,
): Promise<void> {
  const byName = new Map(answer.docs.map((d) => [d.name, d]));
  const gone = new Set(answer.gone);
  const updates: { doc: string; update: Uint8Array }[] = [];
  const messages: MessageRow[] = [];
  const refreshed: string[] = [];
  for (const target of covered) {
    const got = byName.get(target.name);
    if (!got || gone.has(target.name)) continue;
    const update = fromBase64(got.update);
    updates.push({ doc: target.name, update });
    const copy = new Y.Doc();
    const before = stored.get(target.name)?.state;
    Y.applyUpdate(copy, before ? Y.mergeUpdates([before, update]) : update);
    refreshed.push(target.threadId);
    messages.push(...messageRows(userId, target.threadId, copy));
    copy.destroy();
  }
  await db.transaction('rw', [db.docUpdates, db.docState, db.unsent, db.messages], async () => {
    const live = covered.filter((t) => !gone.has(t.name));
    // Clean only what the answer proves stored: a change made meanwhile stays dirty.
    const clean = await Promise.all(
      live.map(async (t) => {
        const got = byName.get(t.name);
        return Boolean(t.dirty && got && (await provenStored(t.name, stored.get(t.name), got.stateVector)));
      }),
    );
    await db.docUpdates.bulkAdd(updates);
    const states = await db.docState.bulkGet(live.map((t) => t.name));
    await db.docState.bulkPut(
      live.map((t, i) => {
        const got = byName.get(t.name);
        return {
          ...states[i],
          doc: t.name,
          ...(got ? { serverStateVector: fromBase64(got.stateVector) } : {}),
          ...(t.updatedAt !== undefined ? { knownUpdatedAt: t.updatedAt } : {}),
        };
      }),
    );
    await db.unsent.bulkDelete(live.filter((_, i) => clean[i]).map((t) => t.name));
    await db.messages.where('threadId').anyOf(refreshed).delete();
    await db.messages.bulkPut(messages);
  });
}
