// Starts the servers under test as child processes on 127.0.0.1 (port 0): Hearth exactly as
// `npm start` runs it, and Hocuspocus; both with the GC preload, so the bench can sample
// their CPU and memory from /proc and ask for memory after GC.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readLines } from '../../tests/support/hearth';
import { type ProcSample, sampleProcess } from './proc-stats';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PRELOAD = path.join(import.meta.dirname, 'gc-preload.ts');
const START_TIMEOUT_MS = 30_000;

export type ServerKind = 'hearth' | 'hocuspocus';

export interface MemoryAfterGc {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

export interface ServerProcess {
  kind: ServerKind;
  url: string;
  pid: number;
  dataDir: string;
  logs: string[];
  sample(): ProcSample;
  /** Collects garbage in the server and reports its memory. */
  memoryAfterGc(): Promise<MemoryAfterGc>;
  /** SIGTERM, then wait for the exit. */
  stop(): Promise<void>;
}

export const newDataDir = (kind: ServerKind) => mkdtempSync(path.join(tmpdir(), `bench-${kind}-`));

/**
 * The benchmarks put all their load on one user (1,000 sockets, 10,000 messages a second),
 * far past a person's per-user limits; those are lifted, the per-connection ones are not.
 */
const BENCH_SYNC_LIMITS = JSON.stringify({ maxSocketsPerUser: 100_000, maxMessagesPerSecondPerUser: 1_000_000 });

/** Hearth (`server/main.ts`), trusting X-Forwarded-For so sign-ups can come from many "IPs". */
export function startHearth(dataDir = newDataDir('hearth')): Promise<ServerProcess> {
  return startServer('hearth', 'server/main.ts', dataDir, {
    HEARTH_DATA_DIR: dataDir,
    HEARTH_TRUST_PROXY: 'on',
    HEARTH_SYNC_LIMITS: BENCH_SYNC_LIMITS,
  });
}

/** Hocuspocus with its SQLite extension, the database in `dataDir`. */
export function startHocuspocus(dataDir = newDataDir('hocuspocus')): Promise<ServerProcess> {
  return startServer('hocuspocus', 'bench/sync/hocuspocus-server.ts', dataDir, {
    HOCUSPOCUS_DB: path.join(dataDir, 'hocuspocus.sqlite'),
  });
}

async function startServer(
  kind: ServerKind,
  entry: string,
  dataDir: string,
  env: Record<string, string>,
): Promise<ServerProcess> {
  // BENCH_SERVER_NODE_ARGS adds Node flags to the servers, e.g. "--cpu-prof" to profile them.
  const extra = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...extra, '--expose-gc', '--import', 'tsx', '--import', PRELOAD, entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const memoryWaiters: ((memory: MemoryAfterGc) => void)[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} did not start:\n${logs.join('\n')}`)), START_TIMEOUT_MS);
    const onLine = (line: string) => {
      if (line.startsWith('{"benchMemory"')) {
        memoryWaiters.shift()?.(JSON.parse(line).benchMemory);
        return;
      }
      if (logs.length < 10_000) logs.push(line);
      if (line.includes('"msg":"listening"')) {
        clearTimeout(timer);
        resolve(JSON.parse(line).url);
      }
    };
    readLines(child, 'stdout', onLine);
    readLines(child, 'stderr', onLine);
    child.once('exit', (code) =>
      reject(new Error(`${kind} exited with ${code} before listening:\n${logs.join('\n')}`)),
    );
  });
  const pid = child.pid!;
  return {
    kind,
    url,
    pid,
    dataDir,
    logs,
    sample: () => sampleProcess(pid),
    memoryAfterGc: () =>
      new Promise((resolve) => {
        memoryWaiters.push(resolve);
        child.kill('SIGUSR2');
      }),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
