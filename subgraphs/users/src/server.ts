import { join } from 'node:path';
import { createSubgraphApollo, loadTypeDefs, type GraphQLService } from '@shopgraph/server';
import { createContext, type SubgraphContext } from './context';
import type { UsersDb } from './db/database';
import { resolvers } from './resolvers';

export const typeDefs = loadTypeDefs(join(__dirname, '..', 'schema.graphql'));

/** The users subgraph, ready to serve; it never listens, so tests and the all-in-one mode share it. */
export function buildSubgraph(deps: { db: UsersDb; production: boolean }): GraphQLService<SubgraphContext> {
  return {
    apollo: createSubgraphApollo<SubgraphContext>({ typeDefs, resolvers, production: deps.production }),
    context: async (request) => createContext(deps.db, request),
  };
}
