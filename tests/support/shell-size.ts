// The JavaScript a first visit loads before the app can paint: the scripts and module
// preloads a built index.html names, gzipped at level 9 as a server would send them.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Issue 5's budget for the shell's initial JavaScript. */
export const SHELL_BUDGET_KIB = 150;

export interface ChunkSize {
  file: string;
  gzipKiB: number;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** The shell's chunks and the other (lazy) chunks of the build in `dir`, largest first. */
export function measureShell(dir: string): { shell: ChunkSize[]; totalKiB: number; lazy: ChunkSize[] } {
  const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
  const initial = new Set([...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!));
  const size = (file: string) => ({
    file,
    gzipKiB: round(gzipSync(readFileSync(path.join(dir, file)), { level: 9 }).length / 1024),
  });
  const shell = [...initial].map(size);
  const lazy = readdirSync(path.join(dir, 'assets'))
    .map((f) => `assets/${f}`)
    .filter((f) => f.endsWith('.js') && !initial.has(f))
    .map(size)
    .sort((a, b) => b.gzipKiB - a.gzipKiB);
  return { shell, totalKiB: round(shell.reduce((sum, f) => sum + f.gzipKiB, 0)), lazy };
}
