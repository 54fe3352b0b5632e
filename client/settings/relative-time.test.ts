import { expect, test } from 'vitest';
import { relativeTime } from './relative-time';

test('session times read as plain relative phrases', () => {
  const now = Date.parse('2026-01-10T12:00:00Z');
  expect(relativeTime(now - 10_000, now)).toBe('just now');
  expect(relativeTime(now - 5 * 60_000, now)).toBe('5 minutes ago');
  expect(relativeTime(now - 26 * 3600_000, now)).toBe('yesterday');
  expect(relativeTime(now - 3 * 86400_000, now)).toBe('3 days ago');
});
