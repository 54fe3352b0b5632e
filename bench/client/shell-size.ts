// `npm run bench:shell`: the JavaScript a first visit loads before the app can paint
// (tests/support/shell-size.ts), built into a temporary directory (dist/ is left alone),
// against issue 5's 150 KiB budget; and the largest chunks loaded later.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { measureShell, SHELL_BUDGET_KIB } from '../../tests/support/shell-size';

const ROOT = path.resolve(import.meta.dirname, '../..');
const out = mkdtempSync(path.join(tmpdir(), 'hearth-shell-'));

try {
  const build = spawnSync('npx', ['vite', 'build', '--outDir', out, '--emptyOutDir'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}\n${build.stderr}`);
  const { shell, totalKiB, lazy } = measureShell(out);
  console.log(
    JSON.stringify(
      { shellJs: { totalGzipKiB: totalKiB, budgetKiB: SHELL_BUDGET_KIB, files: shell }, largestLazy: lazy.slice(0, 8) },
      null,
      2,
    ),
  );
  if (totalKiB > SHELL_BUDGET_KIB) process.exitCode = 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
