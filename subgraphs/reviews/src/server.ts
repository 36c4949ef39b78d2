import type { Cache } from '@shopgraph/cache';
import type { EventBus } from '@shopgraph/events';
import { schemaVersionOf } from '@shopgraph/db';
import type { Logger } from '@shopgraph/logging';
import { createSubgraphApollo, loadTypeDefs, subgraphMigrationsDir, subgraphSchemaPath, type GraphQLService } from '@shopgraph/server';
import { subgraphSubscriptions } from '@shopgraph/subscriptions';
import { createContext, type SubgraphContext } from './context';
import type { ReviewsDb } from './db/database';
import { createReviewsCaches } from './entity-caches';
import { resolvers } from './resolvers';

export const typeDefs = loadTypeDefs(subgraphSchemaPath(__dirname));
const schemaVersion = schemaVersionOf(subgraphMigrationsDir(__dirname));

/** The reviews subgraph, ready to serve; it never listens, so tests and the all-in-one mode share it. */
export function buildSubgraph(deps: { db: ReviewsDb; production: boolean; cache: Cache; events: EventBus; logger: Logger }): GraphQLService<SubgraphContext> {
  const caches = createReviewsCaches(deps.cache, schemaVersion, deps.logger);
  return {
    apollo: createSubgraphApollo<SubgraphContext>({ typeDefs, resolvers, production: deps.production }),
    context: async (request) => createContext(deps.db, caches, request),
    // ratingChanged, over graphql-ws for the gateway.
    subscriptions: subgraphSubscriptions<SubgraphContext>({
      typeDefs,
      resolvers,
      bus: deps.events,
      logger: deps.logger,
      context: (request) => createContext(deps.db, caches, request),
    }),
  };
}
