// Cold start: from spawning the server exactly as `npm start` runs it (after the build) to
// /readyz answering 200, on a fresh data directory each time. Prints each run and the median.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const RUNS = Number(process.argv[2] ?? 5);
const ROOT = path.resolve(import.meta.dirname, '../..');

async function once(): Promise<number> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hearth-cold-'));
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', HEARTH_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk;
      const match = out.match(/"url":"([^"]+)"/);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error('/readyz did not answer within 30 s');
    const ok = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const elapsed = performance.now() - started;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
  return elapsed;
}

const runs: number[] = [];
for (let i = 0; i < RUNS; i++) runs.push(await once());
const sorted = [...runs].sort((a, b) => a - b);
console.log(`cold start to /readyz (ms): ${runs.map((r) => r.toFixed(0)).join(', ')}`);
console.log(`median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms over ${RUNS} runs`);
