// Usage contract: tokens and requests per day (UTC) and per model.
import { z } from 'zod';

export const usageQuery = z.object({
  days: z.coerce
    .number({ error: 'days must be a number' })
    .int({ error: 'days must be a whole number' })
    .min(1, { error: 'days must be between 1 and 365' })
    .max(365, { error: 'days must be between 1 and 365' })
    .default(30),
});
export type UsageQuery = z.input<typeof usageQuery>;

export interface UsageRow {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  /** Stored model id, `<provider>/<model>`. */
  model: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
}

export interface UsageResponse {
  /** First and last day covered (UTC, inclusive). */
  from: string;
  to: string;
  /** Days with usage only, oldest first; models in name order within a day. */
  rows: UsageRow[];
}
