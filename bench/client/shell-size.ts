// `npm run bench:shell`: the JavaScript a first visit loads before the app can paint, i.e.
// the scripts and module preloads that index.html names, gzipped at level 9 as a server
// would send them. Builds into a temporary directory (dist/ is left alone). Budget (issue 5):
// at most 150 KiB. Lazy chunks (sync engine, thread page, markdown, settings) are listed too.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KIB = 150;
const ROOT = path.resolve(import.meta.dirname, '../..');
const out = mkdtempSync(path.join(tmpdir(), 'hearth-shell-'));

try {
  const build = spawnSync('npx', ['vite', 'build', '--outDir', out, '--emptyOutDir'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}\n${build.stderr}`);
  const html = readFileSync(path.join(out, 'index.html'), 'utf8');
  const initial = new Set([...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!));
  const kib = (file: string) => gzipSync(readFileSync(path.join(out, file)), { level: 9 }).length / 1024;
  const round = (n: number) => Math.round(n * 10) / 10;
  const shell = [...initial].map((file) => ({ file, gzipKiB: round(kib(file)) }));
  const total = round(shell.reduce((sum, f) => sum + f.gzipKiB, 0));
  const lazy = readdirSync(path.join(out, 'assets'))
    .filter((f) => f.endsWith('.js') && !initial.has(`assets/${f}`))
    .map((f) => ({ file: `assets/${f}`, gzipKiB: round(kib(`assets/${f}`)) }))
    .sort((a, b) => b.gzipKiB - a.gzipKiB)
    .slice(0, 8);
  console.log(
    JSON.stringify(
      { shellJs: { totalGzipKiB: total, budgetKiB: BUDGET_KIB, files: shell }, largestLazy: lazy },
      null,
      2,
    ),
  );
  if (total > BUDGET_KIB) process.exitCode = 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
