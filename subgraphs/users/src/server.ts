import { JWKS_PATH, type KeyEncryptionKeys } from '@shopgraph/auth';
import { createSubgraphApollo, loadTypeDefs, subgraphSchemaPath, type GraphQLService } from '@shopgraph/server';
import { KeyRing } from './auth/key-ring';
import { createContext, type SubgraphContext } from './context';
import type { UsersDb } from './db/database';
import { resolvers } from './resolvers';

export const typeDefs = loadTypeDefs(subgraphSchemaPath(__dirname));

/** The users subgraph, ready to serve; it never listens, so tests and the all-in-one mode share it. */
export function buildSubgraph(deps: { db: UsersDb; production: boolean; keyEncryptionKeys: KeyEncryptionKeys }): GraphQLService<SubgraphContext> {
  const keys = new KeyRing(deps.db, deps.keyEncryptionKeys);
  return {
    apollo: createSubgraphApollo<SubgraphContext>({ typeDefs, resolvers, production: deps.production }),
    context: async (request) => createContext(deps.db, keys, request),
    // Public keys only: the gateway verifies access tokens without ever holding a private key.
    routes: { [JWKS_PATH]: () => keys.publicKeys() },
  };
}
