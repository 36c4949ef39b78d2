// The gateways compared with ours that are neither ours nor stock @apollo/gateway. They live in
// bench/peers, a project of its own (`npm run bench:install`), so the repository's install stays
// free of them and of the engine warnings their dependencies print.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { GatewayKind } from './report';

const PEERS_DIR = join(__dirname, '..', 'peers');
const GRAFBASE_PACKAGE = '@grafbase/cli-x86_64-unknown-linux-musl';

/** The bench/peers packages each gateway needs; the others need nothing from there. */
const PEER_PACKAGES: Partial<Record<GatewayKind, string[]>> = {
  hive: ['@graphql-hive/gateway'],
  'hive-rust': ['@graphql-hive/gateway', '@graphql-hive/router-runtime'],
  grafbase: [GRAFBASE_PACKAGE],
};

/** What `kind` needs that bench/peers/node_modules lacks (empty when it can run). */
export function missingPeerPackages(kind: GatewayKind): string[] {
  return (PEER_PACKAGES[kind] ?? []).filter((name) => !existsSync(join(PEERS_DIR, 'node_modules', name, 'package.json')));
}

/**
 * A bench/peers package, resolved from there and imported untyped: graphql-yoga's global
 * augmentation of GraphQLErrorExtensions (`http.headers` a Record) contradicts @apollo/server's (a
 * Map) and would break gateway/src's typecheck if its types were in the program.
 */
export async function importPeer<T>(name: string): Promise<T> {
  return (await import(pathToFileURL(createRequire(join(PEERS_DIR, 'package.json')).resolve(name)).href)) as T;
}

/** Grafbase's CLI (the Rust gateway behind `grafbase dev`), a static x86-64 Linux binary. */
export const GRAFBASE_BINARY = join(PEERS_DIR, 'node_modules', GRAFBASE_PACKAGE, 'grafbase');
