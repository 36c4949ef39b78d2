import type { Cache } from '@shopgraph/cache';
import type { EventBus } from '@shopgraph/events';
import { schemaVersionOf } from '@shopgraph/db';
import type { Logger } from '@shopgraph/logging';
import { createSubgraphApollo, loadTypeDefs, subgraphMigrationsDir, subgraphSchemaPath, type GraphQLService } from '@shopgraph/server';
import { createContext, type SubgraphContext } from './context';
import type { ProductsDb } from './db/database';
import { createProductsCaches } from './entity-caches';
import { startSignalConsumer } from './events/signal-consumer';
import { resolvers } from './resolvers';
import { PostgresProductSearch } from './search/postgres-product-search';

export const typeDefs = loadTypeDefs(subgraphSchemaPath(__dirname));
const schemaVersion = schemaVersionOf(subgraphMigrationsDir(__dirname));

/** The products subgraph, ready to serve; it never listens, so tests and the all-in-one mode share it. */
export function buildSubgraph(deps: { db: ProductsDb; production: boolean; cache: Cache; events: EventBus; logger: Logger }): GraphQLService<SubgraphContext> {
  const caches = createProductsCaches(deps.cache, schemaVersion, deps.logger);
  const search = new PostgresProductSearch(deps.db);
  return {
    apollo: createSubgraphApollo<SubgraphContext>({ typeDefs, resolvers, production: deps.production }),
    context: async (request) => createContext(deps.db, caches, search, request),
    background: () => startSignalConsumer(deps.db, deps.events, deps.logger),
  };
}
