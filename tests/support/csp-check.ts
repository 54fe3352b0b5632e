// Set up in every end-to-end test file (vitest.config.ts): a test fails when a page it
// opened met a Content-Security-Policy violation, whether or not the test looked for one.
// Reports that arrive after the last test (pages closed with the browser) fail the file.
import { afterAll, afterEach } from 'vitest';
import { expectNoCspViolations } from './browser';

afterEach(() => expectNoCspViolations());
afterAll(() => expectNoCspViolations());
