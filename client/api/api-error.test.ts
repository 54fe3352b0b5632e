import { expect, test } from 'vitest';
import { parseRetryAfter } from './api-error';

test('Retry-After is read as seconds or as an HTTP date', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  expect(parseRetryAfter('120', now)).toBe(120);
  expect(parseRetryAfter('Thu, 01 Jan 2026 00:05:00 GMT', now)).toBe(300);
  expect(parseRetryAfter(null, now)).toBeNull();
  expect(parseRetryAfter('soon', now)).toBeNull();
});
