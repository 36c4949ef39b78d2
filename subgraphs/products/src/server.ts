import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { createSubgraphApollo, type GraphQLService } from '@shopgraph/server';
import { createContext, type SubgraphContext } from './context';
import type { ProductsDb } from './db/database';
import { resolvers } from './resolvers';

export const typeDefs = parse(readFileSync(join(__dirname, '..', 'schema.graphql'), 'utf8'));

export interface ProductsDeps {
  db: ProductsDb;
  production: boolean;
}

/** The products subgraph, ready to serve; it never listens, so tests and the all-in-one mode share it. */
export function buildSubgraph(deps: ProductsDeps): GraphQLService<SubgraphContext> {
  return {
    apollo: createSubgraphApollo<SubgraphContext>({ typeDefs, resolvers, production: deps.production }),
    context: async (request) => createContext(deps.db, request),
  };
}
