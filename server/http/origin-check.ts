// Refuses state-changing requests sent by another site's page (cross-site request forgery):
// a browser always sends Origin on those, and it must name the host the request went to.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context';
import { HttpError } from './errors';
import { requestHost } from './request-info';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** True when `origin` is absent (not a browser) or names `host`. */
export function sameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function originCheck(trustProxy: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method) && !sameOrigin(c.req.header('origin'), requestHost(c, trustProxy))) {
      throw new HttpError(403, 'forbidden', 'Request refused: it came from another site.');
    }
    await next();
  };
}
