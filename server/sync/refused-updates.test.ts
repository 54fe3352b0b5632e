// [S6] fuzzed: single-bit flips of realistic thread updates, sent to a live doc that another
// device watches. Whatever Yjs makes of a flip, a refused one must leave no trace: not in
// the doc in memory, not on the watching device, not in the store after a compaction and a
// restart; also when the doc's trial copy was freed as idle in between and built again.
// Prints how many flips decoded, were refused and were accepted.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/sync/protocol';
import { seededRandom } from '../../tests/support/convergence';
import { DevicePeer, storeFixture, transactionsOn } from '../../tests/support/doc-store-fixture';
import { decodes, docState, flipBit, ThreadWriter } from '../../tests/support/flipped-updates';
import type { Peer } from './live-doc';
import { SyncRefusal } from './sync-refusal';

/** Another seed: SYNC_FUZZ_SEED=99 npx vitest run --project unit server/sync/refused-updates.test.ts */
const SEED = Number(process.env.SYNC_FUZZ_SEED ?? 20_250_601);
/** Many short threads: flips land on docs of every age, and each stays small enough to check quickly. */
const ROUNDS = 200;
const FLIPS_PER_ROUND = 100;

/** A doc as a LiveDoc loads it (a fixed guid: making a random one costs more than the rest). */
function loaded(state: Uint8Array | null): Y.Doc {
  const doc = new Y.Doc({ guid: 'loaded' });
  if (state) Y.applyUpdate(doc, state);
  return doc;
}

describe('refused updates', () => {
  it('[S6] a refused update changes nothing: memory, the watching device, the store after compaction and restart', async () => {
    const fixture = storeFixture({ durable: false });
    const random = seededRandom(SEED);
    /** Its own sequence, so the flips of a seed stay the flips they were. */
    const idle = seededRandom(SEED + 1);
    const sender: Peer = { send: () => {}, close: () => {} };
    const counts = { flips: 0, decoded: 0, refused: 0, refusedAfterDecoding: 0, accepted: 0, unflippedRefused: 0 };

    const docRow = fixture.db.prepare(
      'SELECT length(snapshot), log_count, log_bytes, updated_at FROM docs WHERE name = ?',
    );
    const logRows = fixture.db.prepare(
      'SELECT count(*), max(id), sum(length(data)) FROM doc_updates WHERE doc_name = ?',
    );
    /** A second DocStore on the same file: what a restarted server reads. */
    const restarted = fixture.reopen();
    for (let round = 0; round < ROUNDS; round++) {
      const ref = { kind: 'thread', userId: fixture.userId, threadId: round.toString(16).padStart(32, '0') } as const;
      const live = fixture.open(ref);
      const watcher = new DevicePeer();
      live.attach(watcher);
      const liveTransactions = transactionsOn(live.doc);
      /** What the store holds of the doc; rows are only ever added or deleted, never changed. */
      const stored = () => JSON.stringify([docRow.get(live.name), logRows.get(live.name)]);

      /**
       * Sends `update`; true when taken. A refusal is checked to have left no trace. What is
       * checked before each send is cheap; a doc no transaction touched is the doc it was, so
       * its full state is read after a refusal only.
       */
      const send = async (update: Uint8Array): Promise<boolean> => {
        const before = {
          transactions: liveTransactions(),
          stateVector: Y.encodeStateVector(live.doc),
          frames: watcher.frames,
          watcherTransactions: watcher.transactions(),
          stored: stored(),
        };
        try {
          await live.receive(update, sender);
          return true;
        } catch (error) {
          expect(error).toBeInstanceOf(SyncRefusal);
          expect((error as SyncRefusal).code).toBe(CloseCode.badRequest);
          // Memory: no transaction touched the doc (Yjs changes nothing outside one).
          expect(liveTransactions()).toBe(before.transactions);
          expect(Y.encodeStateVector(live.doc)).toEqual(before.stateVector);
          // The watching device was sent nothing, and nothing changed its copy.
          expect(watcher.frames).toBe(before.frames);
          expect(watcher.transactions()).toBe(before.watcherTransactions);
          // Nothing was stored or removed; a compaction and a restart then give exactly what
          // they give of the doc as it was.
          expect(stored()).toBe(before.stored);
          const memory = Y.encodeStateAsUpdate(live.doc);
          live.maybeCompact(true);
          expect(docState(loaded(restarted.load(fixture.userId, live.name).state))).toBe(docState(loaded(memory)));
          return false;
        }
      };

      const writer = new ThreadWriter(random);
      for (let i = 0; i < FLIPS_PER_ROUND; i++) {
        const update = writer.next();
        const flipped = flipBit(update, random);
        const decoded = decodes(flipped);
        counts.flips++;
        if (decoded) counts.decoded++;
        // Now and then the doc was quiet long enough to free its trial copy (doc-registry.ts).
        if (idle.next() < 0.1) live.releaseIdleTrial(Number.POSITIVE_INFINITY);
        if (await send(flipped)) counts.accepted++;
        else {
          counts.refused++;
          if (decoded) counts.refusedAfterDecoding++;
        }
        // The real update follows, so the doc grows as a thread does.
        if (!(await send(update))) counts.unflippedRefused++;
      }
      live.destroy(1000, 'round over');
    }
    console.info(`[S6] fuzz, seed ${SEED}: ${JSON.stringify(counts)}`);
    expect(fixture.broken).toEqual([]);
    expect(counts.flips).toBe(ROUNDS * FLIPS_PER_ROUND);
    expect(counts.refusedAfterDecoding).toBeGreaterThan(0);
  }, 600_000);
});
