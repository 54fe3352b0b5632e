// The stack under test: the fake OpenAI-compatible provider in this process (tapped, so every
// request's arrival and every chunk it writes carry a performance.now() stamp), and the real
// Hearth server spawned as a child process (as `npm start` runs it), whose pid we keep to read
// its CPU ticks from /proc.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type FakeAi, startFakeAi } from '../../tests/fake-ai/fake-ai';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const FAKE_KEY = 'sk-bench-fake';

/** One request as the fake provider saw it. */
export interface Tap {
  /** performance.now() when the request's headers arrived. */
  at: number;
  body: string;
  /** performance.now() of every res.write: [0] is the role chunk, [i + 1] is content token i. */
  writes: number[];
}

export interface TappedFake {
  fake: FakeAi;
  taps: Tap[];
  /** The first streamed request whose body contains `marker`. */
  find(marker: string): Tap | undefined;
}

export async function startTappedFake(): Promise<TappedFake> {
  const fake = await startFakeAi({ defaults: { tokenDelayMs: 0 } });
  const taps: Tap[] = [];
  // `server` is private to FakeAi; bracket access reaches it without changing the test code.
  // biome-ignore lint/complexity/useLiteralKeys: `server` is private; bracket access is what TypeScript allows
  const server = fake['server'] as Server;
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const tap: Tap = { at: performance.now(), body: '', writes: [] };
    taps.push(tap);
    req.on('data', (part: Buffer) => {
      tap.body += part.toString('utf8');
    });
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    (res as unknown as { write: (...args: unknown[]) => boolean }).write = (...args: unknown[]) => {
      tap.writes.push(performance.now());
      return write(...args);
    };
  });
  const cache = new Map<string, Tap>();
  return {
    fake,
    taps,
    find(marker) {
      const hit = cache.get(marker);
      if (hit) return hit;
      const tap = taps.find((t) => t.body.includes('"stream":true') && t.body.includes(marker));
      if (tap) cache.set(marker, tap);
      return tap;
    },
  };
}

export interface HearthProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Hearth on 127.0.0.1, port 0, a fresh data dir, pointed at the fake; limits raised for the
 * load test. The data dir is under the OS temp dir (a real disk here, so commits pay their
 * fsync), or under BENCH_AI_DATA_PARENT (say /dev/shm, to see what the fsyncs cost).
 */
export async function startServer(fakeUrl: string, env: Record<string, string> = {}): Promise<HearthProcess> {
  const dataDir = mkdtempSync(path.join(process.env.BENCH_AI_DATA_PARENT || tmpdir(), 'hearth-bench-ai-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      HOST: '127.0.0.1',
      HEARTH_DATA_DIR: dataDir,
      OPENAI_BASE_URL: fakeUrl,
      OPENAI_API_KEY: FAKE_KEY,
      HEARTH_AI_CONCURRENCY: '256',
      HEARTH_AI_CONCURRENCY_PER_USER: '256',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (logs.length < 200) logs.push(line);
        if (line.includes('"msg":"listening"')) resolve(JSON.parse(line).url);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`Hearth exited with ${code}:\n${logs.join('\n')}`)));
    setTimeout(() => reject(new Error('Hearth did not start within 30 s')), 30_000).unref();
  });
  return {
    url,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** User + system CPU time of a process so far, in ms (CLK_TCK = 100 on Linux). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every 5 ms until it holds; throws after `timeoutMs`. */
export async function until(check: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const started = performance.now();
  while (!check()) {
    if (performance.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(5);
  }
}
