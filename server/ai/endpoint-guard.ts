// Which addresses a person's custom endpoint may reach. On a server with open sign-up a
// stranger must not make it call into its own network (SSRF): loopback, private, link-local,
// CGNAT, unspecified, multicast and cloud-metadata addresses are refused. The check runs on
// the addresses DNS gives, and the connection then goes to exactly those (the `lookup`
// below), so a name that resolves differently a moment later cannot slip past.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

const refused = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT (and some clouds' metadata, 100.100.100.200)
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, with the cloud metadata address 169.254.169.254
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments (Oracle's metadata, 192.0.0.192)
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and broadcast
] as const) {
  refused.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 96], // unspecified, loopback and the old IPv4-compatible form
  ['64:ff9b:1::', 48], // local-use NAT64
  ['fc00::', 7], // unique local (AWS metadata, fd00:ec2::254)
  ['fe80::', 10], // link-local
  ['fec0::', 10], // old site-local
  ['ff00::', 8], // multicast
] as const) {
  refused.addSubnet(network, prefix, 'ipv6');
}

/** The IPv4 address inside NAT64 (64:ff9b::/96) and 6to4 (2002::/16) addresses. */
function embeddedIpv4(address: string): string | undefined {
  const groups = expandIpv6(address);
  if (!groups) return undefined;
  const quad = (hi: number, lo: number) => [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
  if (groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0)) {
    return quad(groups[6]!, groups[7]!);
  }
  if (groups[0] === 0x2002) return quad(groups[1]!, groups[2]!);
  return undefined;
}

function expandIpv6(address: string): number[] | undefined {
  let text = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (dotted) {
    const [a, b, c, d] = dotted.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -dotted.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? 0 : 8 - left.length - right.length;
  const groups = [...left, ...Array<string>(Math.max(0, zeros)).fill('0'), ...right].map((g) => Number.parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : undefined;
}

/** True when a person's endpoint may be called at `address` (an IP address, v4 or v6). */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !refused.check(address, 'ipv4');
  if (family !== 6) return false;
  if (refused.check(address, 'ipv6')) return false;
  const inner = embeddedIpv4(address);
  return inner === undefined || !refused.check(inner, 'ipv4');
}

/** The endpoint resolved to an address this server does not call for its users. */
export class PrivateEndpointError extends Error {
  override name = 'PrivateEndpointError';

  constructor(readonly address: string) {
    super(
      `This endpoint is on a private network (${address}), which this server does not call for its users. ` +
        'Use a public address, or ask the server’s operator to allow private endpoints (HEARTH_ALLOW_PRIVATE_ENDPOINTS=on).',
    );
  }
}

/** A `lookup` for sockets: resolves every address, refuses them all if any is not public. */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  const family = typeof options.family === 'number' ? options.family : 0;
  dnsLookup(hostname, { all: true, family, hints: options.hints ?? 0 }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const bad = addresses.find((a) => !isPublicAddress(a.address));
    const first = addresses[0];
    if (bad || !first) return callback(new PrivateEndpointError(bad?.address ?? hostname), '', 0);
    if (options.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, addresses);
    callback(null, first.address, first.family);
  });
};

/** Resolves `hostname` (a name or an IP literal) and throws PrivateEndpointError if it is not public. */
export function assertPublicHost(hostname: string): Promise<void> {
  const host = hostname.replace(/^\[(.*)\]$/, '$1');
  return new Promise((resolve, reject) => {
    publicOnlyLookup(host, { all: true }, (error) => (error ? reject(error) : resolve()));
  });
}

/** The refusal's message when `error` (or what caused it) is a PrivateEndpointError. */
export function endpointRefusal(error: unknown): string | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if (e instanceof PrivateEndpointError) return e.message;
  }
  return undefined;
}
