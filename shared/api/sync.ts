// POST /api/sync: batch catch-up. Many {name, stateVector} pairs and unsent local updates in
// one request; the answer holds the diffs of the docs the server has ahead.
import { z } from 'zod';
import { DEFAULT_SYNC_LIMITS } from '../sync/protocol';

const base64 = z
  .string()
  .max(64 * 1024 * 1024)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'must be base64' });

export const syncRequest = z.object({
  /**
   * The device's SYNC_PROTOCOL_VERSION. Optional here so that a device from before an
   * update gets 426 and a reason to reload rather than a validation error ([S15]).
   */
  version: z.number().int().optional(),
  /** Docs to catch up, each with the device's state vector (base64; empty for a doc it lacks). */
  docs: z.array(z.object({ name: z.string().max(200), stateVector: base64 })).max(DEFAULT_SYNC_LIMITS.maxBatchDocs),
  /** Local updates the server has not acknowledged yet; stored before the answer is sent. */
  updates: z
    .array(z.object({ name: z.string().max(200), update: base64 }))
    .max(DEFAULT_SYNC_LIMITS.maxBatchUpdates)
    .default([]),
});
export type SyncRequest = z.input<typeof syncRequest>;

export interface SyncResponse {
  /**
   * For each listed doc the server holds: the diff it has beyond the given state vector
   * (base64 Yjs update), and the server's own state vector after this request's uploads,
   * so the device can later upload only what the server lacks.
   */
  docs: { name: string; update: string; stateVector: string }[];
  /** Docs that were deleted: drop the local copy. */
  gone: string[];
  /**
   * How many entries of the request's `docs` this answer covers, in order. When less than
   * all, send the rest again (the answer stopped at its size bound).
   */
  answered: number;
}
