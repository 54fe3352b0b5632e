// Each benchmark end to end: start the servers it needs, set up users and docs, run the
// load, stop. The runner (main.ts) picks which ones run.
import { newId } from '../../shared/docs/ids';
import { threadDocName } from '../../shared/docs/names';
import { signUp } from './account';
import { type CatchUpResult, runCatchUp } from './catch-up';
import { type DurableResult, runDurableWrites } from './durable-writes';
import { type FanOutResult, runFanOut } from './fan-out';
import { type MemoryRound, memoryRoundDocs, runMemoryRound } from './memory';
import type { SyncBenchOptions } from './options';
import { checkProtocol } from './protocol-check';
import { startHearth, startHocuspocus } from './servers';
import { median } from './stats';
import { uploadDocs } from './sync-api';
import { randomClientId, TextAppender } from './text-updates';

export interface FanOutSuite {
  hearth: FanOutResult;
  hocuspocus: FanOutResult;
  /** Hearth's figure over Hocuspocus's, from the same run. */
  ratios: { p50: number; p99: number; deliveryP50: number; deliveryP99: number; serverCpu: number; serverRss: number };
}

export interface DurableSuite {
  /** Many writers over several docs. */
  many: DurableResult;
  /** One doc, four writers, the doc small… */
  smallDoc?: DurableResult;
  /** …and the same doc shape already over the compaction size. */
  largeDoc?: DurableResult & { docBytes: number };
}

export interface MemorySuite {
  rounds: MemoryRound[];
  median: { docBytes: number; perDocRss: number; perDocHeap: number; perSocketRss: number; perSocketHeap: number };
}

const threadNames = (userId: string, count: number) =>
  Array.from({ length: count }, () => threadDocName(userId, newId()));

export async function fanOutSuite(o: SyncBenchOptions): Promise<FanOutSuite> {
  const hearth = await startHearth();
  let hearthResult: FanOutResult;
  let names: string[];
  try {
    const user = await signUp(hearth.url);
    names = threadNames(user.id, o.fanOut.docs);
    const target = { kind: 'hearth' as const, url: hearth.url, cookie: user.cookie };
    await checkProtocol(target, threadNames(user.id, 1)[0]!);
    hearthResult = await runFanOut(target, hearth, names, o.fanOut);
  } finally {
    await hearth.stop();
  }
  const hocuspocus = await startHocuspocus();
  try {
    const target = { kind: 'hocuspocus' as const, url: hocuspocus.url };
    await checkProtocol(target, `check/${newId()}`);
    const other = await runFanOut(target, hocuspocus, names, o.fanOut);
    const h = hearthResult;
    return {
      hearth: h,
      hocuspocus: other,
      ratios: {
        p50: h.complete.p50 / other.complete.p50,
        p99: h.complete.p99 / other.complete.p99,
        deliveryP50: h.delivery.p50 / other.delivery.p50,
        deliveryP99: h.delivery.p99 / other.delivery.p99,
        serverCpu: h.serverCpuPercent / other.serverCpuPercent,
        serverRss: h.serverRssMiB / other.serverRssMiB,
      },
    };
  } finally {
    await hocuspocus.stop();
  }
}

export async function durableSuite(o: SyncBenchOptions): Promise<DurableSuite> {
  const server = await startHearth();
  try {
    const user = await signUp(server.url);
    const target = { kind: 'hearth' as const, url: server.url, cookie: user.cookie };
    const many = await runDurableWrites(target, server, threadNames(user.id, o.durable.docs), o.durable);
    if (o.largeDocBytes === 0) return { many };
    const oneDoc = { ...o.durable, writersPerDoc: 4 };
    const smallDoc = await runDurableWrites(target, server, threadNames(user.id, 1), oneDoc);
    const large = threadNames(user.id, 1);
    const seed = new TextAppender(randomClientId(), 'seed').next('s'.repeat(o.largeDocBytes));
    await uploadDocs({ url: server.url, cookie: user.cookie }, [{ name: large[0]!, update: seed }]);
    const largeDoc = await runDurableWrites(target, server, large, oneDoc);
    return { many, smallDoc, largeDoc: { ...largeDoc, docBytes: seed.byteLength } };
  } finally {
    await server.stop();
  }
}

export async function memorySuite(o: SyncBenchOptions): Promise<MemorySuite> {
  const rounds: MemoryRound[] = [];
  const updates = memoryRoundDocs(o.memory);
  for (let i = 0; i < o.memory.rounds; i++) rounds.push(await runMemoryRound(o.memory, updates));
  return {
    rounds,
    median: {
      docBytes: median(rounds.map((r) => r.docBytes)),
      perDocRss: median(rounds.map((r) => r.perDoc.rssBytes)),
      perDocHeap: median(rounds.map((r) => r.perDoc.heapBytes)),
      perSocketRss: median(rounds.map((r) => r.perSocket.rssBytes)),
      perSocketHeap: median(rounds.map((r) => r.perSocket.heapBytes)),
    },
  };
}

export const catchUpSuite = (o: SyncBenchOptions): Promise<CatchUpResult> => runCatchUp(o.catchUp);
