// The one error type routes throw and the one handler that turns it into the JSON body
// every /api client reads: { error: { code, message, fields? } }.
import type { Context, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { ApiErrorBody, ErrorCode } from '../../shared/api/errors';
import type { AppEnv } from './context';

export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

/** Reads the JSON body and validates it, or throws a 400 naming each bad field. */
export async function parseJson<S extends z.ZodType>(c: Context<AppEnv>, schema: S): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new HttpError(400, 'bad_request', 'The request body must be JSON.');
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    const fields: Record<string, string> = {};
    for (const issue of result.error.issues) {
      const key = issue.path.join('.') || 'body';
      fields[key] ??= issue.message;
    }
    throw new HttpError(400, 'validation', 'Some fields need attention.', fields);
  }
  return result.data;
}

/**
 * The app's single onError: HttpErrors answer as they say; a malformed %-escape (URIError
 * from decoding a path or parameter) is the client's mistake, 400; anything else is logged
 * with the method and path and answers 500. The server goes on serving either way.
 */
export function handleError(error: Error, c: Context<AppEnv>): Response {
  if (error instanceof HttpError) {
    const body: ApiErrorBody = { error: { code: error.code, message: error.message } };
    if (error.fields) body.error.fields = error.fields;
    return c.json(body, error.status, error.headers);
  }
  if (error instanceof URIError) return c.json(MALFORMED_PATH, 400);
  c.get('log').error('request failed', { err: error, method: c.req.method, path: rawPath(c) });
  const body: ApiErrorBody = { error: { code: 'internal', message: 'Something went wrong on the server. Try again.' } };
  return c.json(body, 500);
}

const MALFORMED_PATH: ApiErrorBody = {
  error: { code: 'bad_request', message: 'The address has a malformed %-escape (like %zz).' },
};

/** The path as sent, still %-encoded: it can always be logged, even when it cannot be decoded. */
const rawPath = (c: Context) => new URL(c.req.url).pathname;

/** Middleware: a path that does not %-decode is refused with a 400 before any route sees it. */
export const refuseMalformedPath: MiddlewareHandler<AppEnv> = async (c, next) => {
  try {
    decodeURIComponent(rawPath(c));
  } catch {
    return c.json(MALFORMED_PATH, 400);
  }
  await next();
};

export function notFound(c: Context<AppEnv>): Response {
  const body: ApiErrorBody = {
    error: { code: 'not_found', message: `No such endpoint: ${c.req.method} ${c.req.path}` },
  };
  return c.json(body, 404);
}
