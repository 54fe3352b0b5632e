// What a doc's trial copy ([S6], server/sync/trial-copy.ts) costs, in this process: the heap
// it holds for each connected doc that took an update, which the registry frees once the
// doc is quiet (doc-registry.ts), and the time to build it again on the next update.
// Thread docs of the default shape (20 messages, about 18 KB encoded), then one doc of
// 1.5 MB of text. Run: node --expose-gc --import tsx bench/sync/trial-copy-memory.ts
import * as Y from 'yjs';
import { parseDocName, threadDocName } from '../../shared/docs/names';
import { DevicePeer, storeFixture } from '../../tests/support/doc-store-fixture';
import { median } from './stats';
import { randomClientId, TextAppender } from './text-updates';
import { DEFAULT_THREAD, threadUpdate } from './thread-fixtures';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('Run with node --expose-gc (see the header).');
const heap = () => {
  gc();
  gc();
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
};
const round = (n: number) => Math.round(n);

/** A small update a device sends to each doc (a key in a map of its own). */
function smallUpdate(i: number): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('bench').set('touch', i);
  return Y.encodeStateAsUpdate(doc);
}

async function measure(label: string, seeds: readonly Uint8Array[]) {
  const fixture = storeFixture({ durable: false });
  const lives = [];
  for (const [i, seed] of seeds.entries()) {
    const name = threadDocName(fixture.userId, i.toString(16).padStart(32, '0'));
    await fixture.store.append(fixture.userId, name, seed);
    const live = fixture.open(parseDocName(name)!);
    live.attach(new DevicePeer());
    lives.push(live);
  }
  const loaded = heap();
  for (const [i, live] of lives.entries()) await live.receive(smallUpdate(i), null);
  const withCopies = heap();
  for (const live of lives) live.releaseIdleTrial(Number.POSITIVE_INFINITY);
  const freed = heap();
  // The next update after a quiet spell builds the copy again.
  const rebuildMs: number[] = [];
  for (const [i, live] of lives.entries()) {
    const started = performance.now();
    await live.receive(smallUpdate(i + seeds.length), null);
    rebuildMs.push(performance.now() - started);
    live.releaseIdleTrial(Number.POSITIVE_INFINITY);
  }
  const steadyMs: number[] = [];
  for (const [i, live] of lives.entries()) {
    await live.receive(smallUpdate(i + 2 * seeds.length), null);
    const started = performance.now();
    await live.receive(smallUpdate(i + 3 * seeds.length), null);
    steadyMs.push(performance.now() - started);
  }
  for (const live of lives) live.destroy(1000, 'done');
  fixture.db.close();
  return {
    label,
    docs: seeds.length,
    docBytes: seeds[0]!.byteLength,
    perDocHeapBytes: {
      afterAnUpdate: round((withCopies - loaded) / seeds.length),
      freedWhenQuiet: round((withCopies - freed) / seeds.length),
    },
    updateMs: { median: median(steadyMs), firstAfterQuiet: median(rebuildMs) },
  };
}

const threads = Array.from({ length: 300 }, (_, i) => threadUpdate(DEFAULT_THREAD, i));
const large = [new TextAppender(randomClientId(), 'seed').next('s'.repeat(1_500_000))];
console.log(JSON.stringify([await measure('thread docs', threads), await measure('1.5 MB doc', large)], null, 2));
