// `npm run bench`: runs every benchmark suite, i.e. every `bench:<name>` script in
// package.json, one after another (they share the machine, so never in parallel).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const { scripts } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};
const suites = Object.keys(scripts).filter((name) => name.startsWith('bench:'));
const failed: string[] = [];
for (const suite of suites) {
  console.log(`\n=== npm run ${suite}`);
  const { status } = spawnSync('npm', ['run', '--silent', suite], { cwd: root, stdio: 'inherit' });
  if (status !== 0) failed.push(suite);
}
if (failed.length > 0) {
  console.error(`\nFailed: ${failed.join(', ')}`);
  process.exit(1);
}
