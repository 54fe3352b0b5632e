// `npm run bench:search`: search at scale, on the server (server.ts) and on the device in
// Chromium (device.ts), each when present, one after the other (they share the machine).
// Flags after `--` go to both, and each ignores those it does not know:
// `npm run bench:search -- --messages 20000 --user-messages 5000`. `--device` or `--server`
// runs only that part.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const here = import.meta.dirname;
const only = ['server', 'device'].filter((part) => process.argv.includes(`--${part}`));
const parts = ['server', 'device']
  .filter((part) => only.length === 0 || only.includes(part))
  .map((part) => `${part}.ts`)
  .filter((file) => existsSync(path.join(here, file)));
const failed: string[] = [];
for (const part of parts) {
  console.log(`\n=== bench/search/${part}`);
  const { status } = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, part), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  if (status !== 0) failed.push(part);
}
if (failed.length > 0) {
  console.error(`\nFailed: ${failed.join(', ')}`);
  process.exit(1);
}
