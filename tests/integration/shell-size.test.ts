// The built shell stays within its budget: the JavaScript loaded before the first paint
// (yjs, markdown, settings and the thread page load later). Reads the build `npm test`
// makes first (dist/client); `npm run bench:shell` prints the same figures.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { measureShell, SHELL_BUDGET_KIB } from '../support/shell-size';

const DIST = path.resolve(import.meta.dirname, '../../dist/client');

it(`the shell's initial JavaScript is at most ${SHELL_BUDGET_KIB} KiB gzipped`, () => {
  expect(existsSync(path.join(DIST, 'index.html')), 'build the client first (npx vite build)').toBe(true);
  const { shell, totalKiB } = measureShell(DIST);
  expect(shell.length).toBeGreaterThan(0);
  expect(totalKiB).toBeLessThanOrEqual(SHELL_BUDGET_KIB);
});
