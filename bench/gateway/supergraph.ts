import { readFileSync } from 'node:fs';
import { DEFAULT_SUPERGRAPH_PATH } from '@shopgraph/gateway';

const SECURITY_LINK = /(@link\(url: "https:\/\/specs\.apollo\.dev\/(?:authenticated|requiresScopes)\/v[\d.]+"), for: SECURITY\)/g;

/**
 * The committed supergraph with each subgraph's routing URL replaced, for the gateways that are
 * not ours. Stock @apollo/gateway refuses supergraphs with SECURITY links it does not enforce;
 * ours drops the `for: SECURITY` marks the same way before planning (and enforces them itself).
 * None of the benchmarked operations touch a guarded field, so the answers are the same.
 */
export function supergraphFor(subgraphUrls: Record<string, string>): string {
  return readFileSync(DEFAULT_SUPERGRAPH_PATH, 'utf8')
    .replace(SECURITY_LINK, '$1)')
    .replace(/join__graph\(name: "(\w+)", url: "[^"]*"\)/g, (whole, name: string) =>
      subgraphUrls[name] ? `join__graph(name: "${name}", url: "${subgraphUrls[name]}")` : whole,
    );
}
