import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';

/** Apollo's persisted query manifest format, as `npm run codegen` writes it for our clients. */
export interface PersistedQueryManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: { id: string; name: string; type: 'query' | 'mutation' | 'subscription'; body: string }[];
}

export const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** Reads a manifest and checks every id is the SHA-256 of its body, so a stale file fails at start. */
export function readManifest(path: string): Map<string, string> {
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as PersistedQueryManifest;
  if (manifest.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1)
    throw new Error(`${path} is not an apollo-persisted-query-manifest, version 1`);
  const bodies = new Map<string, string>();
  for (const operation of manifest.operations) {
    if (sha256Hex(operation.body) !== operation.id) throw new Error(`${path}: the id of ${operation.name} is not the SHA-256 of its body`);
    bodies.set(operation.id, operation.body);
  }
  return bodies;
}

/** The APQ store in trusted-documents mode: the manifest, read-only, so clients cannot register. */
export function manifestStore(bodies: ReadonlyMap<string, string>): KeyValueCache<string> {
  // Apollo Server prefixes its APQ keys.
  const idOf = (key: string) => key.replace(/^apq:/, '');
  return {
    get: async (key) => bodies.get(idOf(key)),
    set: async () => {},
    delete: async () => {},
  };
}
