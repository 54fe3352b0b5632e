// A fetch for endpoints people give the server, over node's http(s) so that every connection
// goes through a `lookup` that checks the addresses it connects to (the global fetch takes no
// lookup). Redirects are followed here, at most five, each hop through the same lookup; the
// Authorization header does not follow a redirect to another origin.
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { Readable } from 'node:stream';

const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

interface Outgoing {
  url: URL;
  method: string;
  headers: Headers;
  body: Buffer | undefined;
  signal: AbortSignal | undefined;
}

/** A fetch whose connections all resolve through `lookup`. */
export function guardedFetch(lookup: LookupFunction): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    let out: Outgoing = {
      url: new URL(request.url),
      method: request.method,
      headers: new Headers(request.headers),
      body: request.body ? Buffer.from(await request.arrayBuffer()) : undefined,
      signal: init?.signal ?? undefined,
    };
    for (let hop = 0; ; hop++) {
      const response = await send(out, lookup);
      const location = response.headers.get('location');
      if (!REDIRECTS.has(response.status) || !location) return response;
      await response.body?.cancel();
      if (hop === MAX_REDIRECTS) throw new TypeError(`More than ${MAX_REDIRECTS} redirects from ${out.url.origin}.`);
      out = redirected(out, new URL(location, out.url), response.status);
    }
  };
}

/** The next hop as fetch makes it: 303 (and 301/302 after a POST) turn into a GET without a body. */
function redirected(from: Outgoing, url: URL, status: number): Outgoing {
  const headers = new Headers(from.headers);
  if (url.origin !== from.url.origin) headers.delete('authorization');
  const toGet = status === 303 ? from.method !== 'HEAD' : (status === 301 || status === 302) && from.method === 'POST';
  if (!toGet) return { ...from, url, headers };
  for (const name of ['content-type', 'content-length', 'content-encoding', 'content-language']) headers.delete(name);
  return { ...from, url, headers, method: 'GET', body: undefined };
}

async function send(out: Outgoing, lookup: LookupFunction): Promise<Response> {
  if (out.url.protocol !== 'http:' && out.url.protocol !== 'https:') {
    throw new TypeError(`Cannot fetch ${out.url.protocol} addresses.`);
  }
  // Node connects to an IP literal without asking `lookup`: put it through the check here.
  const host = out.url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host)) {
    await new Promise<void>((resolve, reject) => lookup(host, { all: true }, (e) => (e ? reject(e) : resolve())));
  }
  const headers = Object.fromEntries(out.headers);
  // The body is handed on as it arrives: ask for it uncompressed, as there is no decoder here.
  headers['accept-encoding'] = 'identity';
  if (out.body) headers['content-length'] = String(out.body.length);
  const client = out.url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(out.url, { method: out.method, headers, lookup, signal: out.signal }, (res) => {
      const responseHeaders = new Headers();
      for (let i = 0; i + 1 < res.rawHeaders.length; i += 2)
        responseHeaders.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
      const status = res.statusCode ?? 502;
      const empty = out.method === 'HEAD' || status === 204 || status === 304;
      if (empty) res.resume();
      resolve(
        new Response(empty ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), {
          status,
          statusText: res.statusMessage ?? '',
          headers: responseHeaders,
        }),
      );
    });
    req.on('error', reject);
    req.end(out.body);
  });
}
