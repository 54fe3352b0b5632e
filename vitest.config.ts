// Three test projects: unit tests beside the code, integration tests against the real
// server, and end-to-end tests in Chromium (run one file at a time: two cores).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './tests/support/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'client/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          setupFiles: ['./tests/support/csp-check.ts'],
          // No retry, here or per test: a test that passes only on a second attempt has a
          // race in it, and a retry hides it (the last one hid page objects acting on the
          // URL before the page had followed it).
          // A budget, not a measure: the multi-screen a11y and usage tests ran past 60 s on a
          // two-core machine under a load average of 17.
          testTimeout: 120_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
