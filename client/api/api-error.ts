// The two ways an API call fails: the server answered with an error, or it could not be reached.
import type { ErrorCode } from '../../shared/api/errors';

/** The server answered with `{ error: { code, message, fields? } }` (or something unreadable). */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    /** What is wrong with each input field, keyed by the field's name in the request body. */
    readonly fields: Readonly<Record<string, string>> = {},
    /** Seconds to wait before retrying, from a 429's Retry-After header. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

/** The request never got an answer: offline, DNS, server down, or connection reset. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';

  constructor(options?: { cause?: unknown }) {
    super("Can't reach the server. You may be offline.", options);
  }
}

/** Reads Retry-After, which is either a number of seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}
