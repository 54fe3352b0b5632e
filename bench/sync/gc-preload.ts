// Preloaded into a benchmarked server (`node --expose-gc --import tsx --import <this>`): on
// SIGUSR2 it collects garbage and prints its memory as one JSON line on stdout, so memory
// figures are taken after GC without changing the server's code.
import { setTimeout as sleep } from 'node:timers/promises';

const gc = (globalThis as { gc?: () => void }).gc;

process.on('SIGUSR2', async () => {
  // Two passes with a pause between them let weak references and finalizers settle.
  gc?.();
  await sleep(50);
  gc?.();
  // V8 gives freed pages back to the OS from background threads.
  await sleep(250);
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  process.stdout.write(
    `${JSON.stringify({ benchMemory: { gc: Boolean(gc), rss, heapUsed, external, arrayBuffers } })}\n`,
  );
});
