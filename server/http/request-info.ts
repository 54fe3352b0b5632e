// Who is asking and how: the client's address, the host and scheme it addressed. Forwarded
// headers (X-Forwarded-For/-Host/-Proto) are read only with HEARTH_TRUST_PROXY=on; with it
// off anyone could send them, so they are ignored everywhere.
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { Config } from '../config';

/** What decides how far a request's headers are believed. */
export type Listener = Pick<Config, 'tls' | 'trustProxy'>;

/** Reads one request header; a Hono context and a node IncomingMessage both give one. */
export type HeaderOf = (name: string) => string | undefined;

export const honoHeaders =
  (c: Context): HeaderOf =>
  (name) =>
    c.req.header(name);

/** The last value of a comma-separated forwarded header: the one the proxy in front of us set. */
const lastValue = (value: string | undefined) => value?.split(',').at(-1)?.trim() || undefined;

/** The client's address; behind a trusted proxy, the last hop the proxy appended. */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = lastValue(c.req.header('x-forwarded-for'));
    if (forwarded) return forwarded;
  }
  return getConnInfo(c).remote.address ?? 'unknown';
}

/** The host the client addressed (host[:port]). */
export function requestHost(header: HeaderOf, listener: Listener): string | undefined {
  return (listener.trustProxy ? lastValue(header('x-forwarded-host')) : undefined) ?? header('host');
}

/** Whether the client reached us over HTTPS: our own TLS, or a trusted proxy's. */
export function isHttps(header: HeaderOf, listener: Listener): boolean {
  if (listener.tls) return true;
  return listener.trustProxy && lastValue(header('x-forwarded-proto'))?.toLowerCase() === 'https';
}

/** host[:port], a name or an IPv4 or bracketed IPv6 address: nothing else is a Host header. */
const HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** The host, when it is a well-formed host[:port]: safe to put into a header or compare. */
export function wellFormedHost(host: string | undefined): string | undefined {
  return host && HOST.test(host) ? host : undefined;
}

/** The origin (scheme://host[:port]) the client addressed, or undefined when the host is missing or malformed. */
export function requestOrigin(header: HeaderOf, listener: Listener): string | undefined {
  const host = wellFormedHost(requestHost(header, listener));
  if (!host) return undefined;
  try {
    return new URL(`${isHttps(header, listener) ? 'https' : 'http'}://${host}`).origin;
  } catch {
    return undefined;
  }
}
