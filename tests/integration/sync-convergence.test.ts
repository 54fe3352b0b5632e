// A bounded randomised convergence run ([S10]); `npm run fuzz:sync` runs long ones.
import { describe, expect, it } from 'vitest';
import { runConvergence } from '../support/convergence';

describe('randomised convergence', () => {
  for (const seed of [1, 2]) {
    it(`[S10] [S12] four devices, random edits, disconnects and restarts converge (seed ${seed})`, async () => {
      const report = await runConvergence({ seed, devices: 4, steps: 150, restarts: 2 });
      expect(report.threads).toBeGreaterThan(2);
      expect(report.messages).toBeGreaterThan(10);
      expect(report.operations.serverKill).toBe(1);
      expect(report.operations.serverStop).toBe(1);
    }, 120_000);
  }
});
