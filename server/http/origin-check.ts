// Refuses state-changing requests sent by another site's page (cross-site request forgery),
// and WebSocket upgrades from one: a browser sends Origin on those, and it must name this
// server exactly: scheme, host and port.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context';
import { HttpError } from './errors';
import { type HeaderOf, honoHeaders, type Listener, requestOrigin } from './request-info';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * True when the request's Origin header is absent (not a browser) or names the origin the
 * request was sent to: the same scheme (https over TLS or, with a trusted proxy, its
 * X-Forwarded-Proto), host and port. Used by the HTTP middleware and the WebSocket upgrade.
 */
export function fromOwnOrigin(header: HeaderOf, listener: Listener): boolean {
  const origin = header('origin');
  if (origin === undefined) return true;
  const own = requestOrigin(header, listener);
  if (!own) return false;
  try {
    return new URL(origin).origin === own;
  } catch {
    return false;
  }
}

export function originCheck(listener: Listener): MiddlewareHandler<AppEnv> {
  let hinted = false;
  return async (c, next) => {
    const headers = honoHeaders(c);
    if (!SAFE_METHODS.has(c.req.method) && !fromOwnOrigin(headers, listener)) {
      // The usual cause on a real deployment: TLS ends at a proxy Hearth is not told to trust.
      if (!hinted && onlySchemeDiffers(headers, listener)) {
        hinted = true;
        c.get('log').warn(
          'refused an https:// page talking to plain http: behind a TLS proxy, set HEARTH_TRUST_PROXY=on',
        );
      }
      throw new HttpError(403, 'forbidden', 'Request refused: it came from another site.');
    }
    await next();
  };
}

function onlySchemeDiffers(header: HeaderOf, listener: Listener): boolean {
  const own = requestOrigin(header, listener);
  try {
    return own !== undefined && new URL(header('origin') ?? '').origin === own.replace(/^http:/, 'https:');
  } catch {
    return false;
  }
}
