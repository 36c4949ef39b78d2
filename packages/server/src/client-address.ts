import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/** True for a peer address whose X-Forwarded-For is believed: a load balancer or proxy of ours. */
export type TrustedProxies = (address: string) => boolean;

const IPV4_MAPPED = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) as `10.0.0.1`, so one rule covers both. */
function plainAddress(address: string): string {
  return IPV4_MAPPED.exec(address)?.[1] ?? address;
}

/** Why an entry of TRUSTED_PROXIES is not an IP address or CIDR block; undefined when it is. */
export function proxyEntryProblem(entry: string): string | undefined {
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return `"${entry}" is not an IP address or CIDR block`;
  if (prefix === undefined) return undefined;
  const bits = Number(prefix);
  const max = family === 4 ? 32 : 128;
  return /^\d+$/.test(prefix) && bits <= max ? undefined : `"${entry}" has a prefix length outside 0-${max}`;
}

/** A matcher for IP addresses and CIDR blocks (`10.0.0.0/8`, `::1`); throws on an entry that is neither. */
export function trustedProxies(entries: readonly string[]): TrustedProxies {
  const list = new BlockList();
  for (const entry of entries) {
    const problem = proxyEntryProblem(entry);
    if (problem) throw new Error(problem);
    const [address = '', prefix] = entry.split('/');
    const type = isIP(address) === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(plainAddress(address), type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return (address) => {
    const plain = plainAddress(address);
    const family = isIP(plain);
    return family !== 0 && list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
  };
}

/**
 * The client's address: the TCP peer's, unless the peer is a trusted proxy; then the rightmost
 * X-Forwarded-For entry that is not a trusted proxy (entries left of it are the client's to
 * invent). When every entry is trusted, the leftmost; an entry that is not an address stops the walk.
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, trusted?: TrustedProxies): string {
  if (!peer) return 'unknown';
  let client = plainAddress(peer);
  if (!trusted || !trusted(client) || forwardedFor === undefined) return client;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',').map((hop) => plainAddress(hop.trim()));
  for (let index = hops.length - 1; index >= 0; index -= 1) {
    const hop = hops[index]!;
    if (isIP(hop) === 0) break;
    client = hop;
    if (!trusted(hop)) break;
  }
  return client;
}

/** clientAddress for a request on a node:http server. */
export function clientAddressOf(request: IncomingMessage, trusted?: TrustedProxies): string {
  return clientAddress(request.socket.remoteAddress, request.headers['x-forwarded-for'], trusted);
}
