// Starts the real Hearth server as a child process (as `npm start` runs it) on 127.0.0.1,
// port 0, with a temporary data directory; collects its log lines.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SyncLimits } from '../../shared/sync/protocol';

export interface Hearth {
  url: string;
  dataDir: string;
  /** Every line the server wrote to stdout and stderr, in order. */
  logs: string[];
  /** SIGTERM, then wait for the process to exit. */
  stop(): Promise<void>;
  /** SIGKILL: a crash, with no chance to flush. */
  kill(): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface HearthOptions {
  env?: Record<string, string>;
  dataDir?: string;
  /** Sync limits to use instead of the defaults (small ones make limit tests quick). */
  syncLimits?: Partial<SyncLimits>;
}

export async function startHearth(options: HearthOptions = {}): Promise<Hearth> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'hearth-test-'));
  // HEARTH_CLIENT_DIR passes through, so a run can serve a client built elsewhere
  // (vite build --outDir) while dist/ is being rebuilt.
  const clientDir = process.env.HEARTH_CLIENT_DIR ? { HEARTH_CLIENT_DIR: process.env.HEARTH_CLIENT_DIR } : {};
  const syncLimits = options.syncLimits ? { HEARTH_SYNC_LIMITS: JSON.stringify(options.syncLimits) } : {};
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      HOST: '127.0.0.1',
      HEARTH_DATA_DIR: dataDir,
      ...clientDir,
      ...syncLimits,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const onLine = (line: string) => {
      logs.push(line);
      if (line.includes('"msg":"listening"')) resolve(JSON.parse(line).url);
    };
    readLines(child, 'stdout', onLine);
    readLines(child, 'stderr', onLine);
    child.once('exit', (code) => reject(new Error(`Hearth exited with ${code} before listening:\n${logs.join('\n')}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    dataDir,
    logs,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Calls `onLine` for each complete line the child writes to `stream`. */
export function readLines(child: ChildProcess, stream: 'stdout' | 'stderr', onLine: (line: string) => void): void {
  let buffer = '';
  child[stream]?.setEncoding('utf8');
  child[stream]?.on('data', (chunk: string) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) if (line) onLine(line);
  });
}
