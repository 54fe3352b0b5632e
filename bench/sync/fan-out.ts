// Benchmark 1, fan-out latency: `clients` sockets spread over `docs` docs; random clients
// send an update at a steady total `rate`; for each update, the time from the writer's
// send until every other client of that doc has received it (and each single delivery).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { usageBetween } from './proc-stats';
import { connectAll, type Target } from './raw-client';
import type { ServerKind, ServerProcess } from './servers';
import { type LatencySummary, summarize } from './stats';
import { randomClientId, TextAppender, updateKey } from './text-updates';

export interface FanOutOptions {
  clients: number;
  docs: number;
  /** Updates per second, over all writers. */
  rate: number;
  warmupSeconds: number;
  seconds: number;
  /** Characters appended by each update. */
  textBytes: number;
  connectConcurrency: number;
}

export interface FanOutResult {
  server: ServerKind;
  /** Updates sent during the measured period. */
  sent: number;
  /** Send → the last other client of the doc has it. */
  complete: LatencySummary;
  /** Send → one other client has it (every delivery). */
  delivery: LatencySummary;
  /** Measured updates that some client had not received 5 s after the load stopped. */
  incomplete: number;
  /** Clients whose socket the server closed during the run (should be 0). */
  disconnected: number;
  connectSeconds: number;
  serverCpuPercent: number;
  serverRssMiB: number;
  loadGeneratorCpuPercent: number;
  loadGeneratorLagP99Ms: number;
}

interface InFlight {
  writer: number;
  sentAt: number;
  remaining: number;
  measured: boolean;
}

const TICK_MS = 5;
const DRAIN_MS = 5_000;

export async function runFanOut(
  target: Target,
  server: ServerProcess,
  docNames: readonly string[],
  o: FanOutOptions,
): Promise<FanOutResult> {
  const names = Array.from({ length: o.clients }, (_, i) => docNames[i % docNames.length]!);
  const readersOf = new Map<string, number>();
  for (const name of names) readersOf.set(name, (readersOf.get(name) ?? 0) + 1);
  const connectStarted = performance.now();
  const clients = await connectAll(target, names, o.connectConcurrency);
  const connectSeconds = (performance.now() - connectStarted) / 1000;

  const text = 'The quick brown fox jumps over the lazy dog. '
    .repeat(Math.ceil(o.textBytes / 45))
    .slice(0, o.textBytes);
  const appenders = clients.map(() => new TextAppender(randomClientId()));
  const inFlight = new Map<string, InFlight>();
  const complete: number[] = [];
  const delivery: number[] = [];
  clients.forEach((client, index) => {
    client.onUpdate = (update) => {
      const now = performance.now();
      const key = updateKey(update);
      const entry = inFlight.get(key);
      if (!entry || entry.writer === index) return; // Hocuspocus echoes to the writer too
      if (entry.measured) delivery.push(now - entry.sentAt);
      if (--entry.remaining > 0) return;
      inFlight.delete(key);
      if (entry.measured) complete.push(now - entry.sentAt);
    };
  });

  let measured = false;
  let sent = 0;
  let sentMeasured = 0;
  const sendOne = () => {
    const writer = Math.floor(Math.random() * clients.length);
    const client = clients[writer]!;
    const update = appenders[writer]!.next(text);
    const others = readersOf.get(client.docName)! - 1;
    if (others > 0) {
      inFlight.set(updateKey(update), { writer, sentAt: performance.now(), remaining: others, measured });
    }
    client.sendUpdate(update);
    sent++;
    if (measured) sentMeasured++;
  };
  const started = performance.now();
  const ticker = setInterval(() => {
    const due = Math.floor(((performance.now() - started) / 1000) * o.rate);
    while (sent < due) sendOne();
  }, TICK_MS);

  await sleep(o.warmupSeconds * 1000);
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const serverBefore = server.sample();
  const loadBefore = process.cpuUsage();
  const measureStarted = performance.now();
  measured = true;
  await sleep(o.seconds * 1000);
  measured = false;
  clearInterval(ticker);
  const serverAfter = server.sample();
  const loadCpu = process.cpuUsage(loadBefore);
  const loadSeconds = (performance.now() - measureStarted) / 1000;
  lag.disable();

  const drainUntil = performance.now() + DRAIN_MS;
  const unfinished = () => [...inFlight.values()].filter((entry) => entry.measured).length;
  while (unfinished() > 0 && performance.now() < drainUntil) await sleep(20);
  const incomplete = unfinished();
  const disconnected = clients.filter((client) => client.closedWith !== undefined).length;
  for (const client of clients) client.close();
  await sleep(200);

  return {
    server: server.kind,
    sent: sentMeasured,
    complete: summarize(complete),
    delivery: summarize(delivery),
    incomplete,
    disconnected,
    connectSeconds,
    serverCpuPercent: usageBetween(serverBefore, serverAfter).cpuPercent,
    serverRssMiB: serverAfter.rssBytes / 2 ** 20,
    loadGeneratorCpuPercent: (loadCpu.user + loadCpu.system) / 10_000 / loadSeconds,
    loadGeneratorLagP99Ms: lag.percentile(99) / 1e6,
  };
}
