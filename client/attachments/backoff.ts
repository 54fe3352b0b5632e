// How long an upload waits after failing `attempts` times in a row: doubling from 2 s, at
// most 5 min, so a long outage costs a request every few minutes, not a storm.
const FIRST_MS = 2_000;
const MAX_MS = 5 * 60_000;

export function retryDelay(attempts: number): number {
  if (attempts <= 0) return 0;
  return Math.min(MAX_MS, FIRST_MS * 2 ** (attempts - 1));
}
