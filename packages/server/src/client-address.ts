import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import proxyAddr from 'proxy-addr';

/** True for a peer address whose X-Forwarded-For is believed: a load balancer or proxy of ours. */
export type TrustedProxies = (address: string) => boolean;

const IPV4_MAPPED = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) as `10.0.0.1`, so one rule covers both. */
function plainAddress(address: string): string {
  return IPV4_MAPPED.exec(address)?.[1] ?? address;
}

/**
 * Why an entry of TRUSTED_PROXIES is not an IP address or CIDR block; undefined when it is. A /0
 * block is refused: it would let every client choose its address (and proxy-addr refuses it too).
 */
export function proxyEntryProblem(entry: string): string | undefined {
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return `"${entry}" is not an IP address or CIDR block`;
  if (prefix !== undefined) {
    const bits = Number(prefix);
    const max = family === 4 ? 32 : 128;
    if (!/^\d+$/.test(prefix) || bits > max) return `"${entry}" has a prefix length outside 0-${max}`;
    if (bits === 0) return `"${entry}" would trust every address; list the proxies' own addresses or blocks`;
  }
  try {
    proxyAddr.compile(entry);
    return undefined;
  } catch (error) {
    return `"${entry}": ${(error as Error).message}`;
  }
}

/** A matcher for IP addresses and CIDR blocks (`10.0.0.0/8`, `::1`), IPv4-mapped peers included; throws on an entry that is neither. */
export function trustedProxies(entries: readonly string[]): TrustedProxies {
  for (const entry of entries) {
    const problem = proxyEntryProblem(entry);
    if (problem) throw new Error(problem);
  }
  const trust = proxyAddr.compile([...entries]);
  return (address) => trust(address, 0);
}

/**
 * The client's address: the TCP peer's, unless the peer is a trusted proxy; then the rightmost
 * X-Forwarded-For entry that is not a trusted proxy (entries left of it are the client's to
 * invent). When every entry is trusted, the leftmost; an entry that is not an address stops the walk.
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, trusted?: TrustedProxies): string {
  if (!peer) return 'unknown';
  if (!trusted || forwardedFor === undefined) return plainAddress(peer);
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
  // proxy-addr's walk: the peer, then X-Forwarded-For right to left, up to and including the first
  // untrusted entry. That entry may be no address at all ("unknown"); then the one before it is ours.
  const request = { socket: { remoteAddress: peer }, headers: { 'x-forwarded-for': header } } as unknown as IncomingMessage;
  const hops = proxyAddr.all(request, (address) => trusted(address));
  const last = hops.length > 1 && isIP(plainAddress(hops.at(-1)!)) === 0 ? hops.at(-2)! : hops.at(-1)!;
  return plainAddress(last);
}

/** clientAddress for a request on a node:http server. */
export function clientAddressOf(request: IncomingMessage, trusted?: TrustedProxies): string {
  return clientAddress(request.socket.remoteAddress, request.headers['x-forwarded-for'], trusted);
}
