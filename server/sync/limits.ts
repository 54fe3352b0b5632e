// The sync limits of this server: the defaults with the operator's overrides
// (HEARTH_SYNC_LIMITS), the token bucket that enforces the message rates, and how a limit
// reads in a close reason ([S7]).
import { z } from 'zod';
import { DEFAULT_SYNC_LIMITS, type SyncLimits, syncLimitsOverride } from '../../shared/sync/protocol';

/** HEARTH_SYNC_LIMITS: a JSON object of limits to change, e.g. `{"maxSocketsPerUser":500}`. */
export const syncLimitsVariable = z
  .string()
  .transform((text, ctx): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object, e.g. {"maxSocketsPerUser":500}' });
      return z.NEVER;
    }
  })
  .pipe(syncLimitsOverride);

export const resolveSyncLimits = (override: Partial<SyncLimits>): Readonly<SyncLimits> => ({
  ...DEFAULT_SYNC_LIMITS,
  ...override,
});

/** A byte count as people read it: "2 MiB", "64 KiB", "900 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/** Seconds of the full rate a sender may spend at once after being quiet. */
const BURST_SECONDS = 5;

/** Allows `perSecond` events a second on average, with bursts of BURST_SECONDS' worth. */
export class TokenBucket {
  private tokens: number;
  private refilledAt = Date.now();

  constructor(private readonly perSecond: number) {
    this.tokens = perSecond * BURST_SECONDS;
  }

  /** Takes one token; false when there is none left. */
  take(): boolean {
    const now = Date.now();
    this.tokens = Math.min(
      this.perSecond * BURST_SECONDS,
      this.tokens + ((now - this.refilledAt) / 1000) * this.perSecond,
    );
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
