import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ApolloServerPlugin } from '@apollo/server';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { ErrorCode } from '@shopgraph/server';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../context';

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
  if (manifest.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1) throw new Error(`${path} is not an apollo-persisted-query-manifest, version 1`);
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

/**
 * Trusted documents: only operations whose SHA-256 is in the manifest run, whether the client
 * sends the id (as an APQ hash) or the exact text. Checked before planning, so nothing else does.
 */
export function trustedDocumentsPlugin(bodies: ReadonlyMap<string, string>): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      // Read before any plugin changes it (the authorization plugin re-hashes redacted operations).
      let hash = '';
      return {
        async didResolveSource({ queryHash }) {
          hash = queryHash;
        },
        async didResolveOperation() {
          if (bodies.has(hash)) return;
          throw new GraphQLError('Only the operations of our clients may run here: this one is not in the trusted documents manifest', {
            extensions: { code: ErrorCode.PERSISTED_QUERY_NOT_IN_LIST, http: { status: 400 } },
          });
        },
      };
    },
  };
}
