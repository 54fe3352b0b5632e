// Who is asking: the client's IP and the host it addressed, honouring a trusted proxy.
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** The client's address; behind a trusted proxy, the last hop the proxy appended. */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  return getConnInfo(c).remote.address ?? 'unknown';
}

/** The host the client addressed (host[:port]). */
export function requestHost(c: Context, trustProxy: boolean): string | undefined {
  return (trustProxy ? c.req.header('x-forwarded-host') : undefined) ?? c.req.header('host');
}

/** Whether the client reached us over HTTPS, directly or through a proxy. */
export function isHttps(c: Context, tls: boolean): boolean {
  return tls || c.req.header('x-forwarded-proto') === 'https';
}
