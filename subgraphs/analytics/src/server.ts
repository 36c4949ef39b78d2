import type { EventBus } from '@shopgraph/events';
import type { Logger } from '@shopgraph/logging';
import { createSubgraphApollo, loadTypeDefs, subgraphSchemaPath, type GraphQLService } from '@shopgraph/server';
import { createContext, type AnalyticsServices, type SubgraphContext } from './context';
import type { AnalyticsDb } from './db/database';
import { startAnalyticsConsumer } from './events/analytics-consumer';
import { productCategoryLookup, type ProductsPeer } from './peers/product-categories';
import { createTimeZoneCheck } from './reports/time-zones';
import { resolvers } from './resolvers';

export const typeDefs = loadTypeDefs(subgraphSchemaPath(__dirname));

/** The analytics subgraph, ready to serve; it never listens, so tests and the all-in-one mode share it. */
export function buildSubgraph(deps: {
  db: AnalyticsDb;
  production: boolean;
  events: EventBus;
  logger: Logger;
  products: ProductsPeer;
}): GraphQLService<SubgraphContext> {
  const services: AnalyticsServices = {
    db: deps.db,
    events: deps.events,
    lookupCategories: productCategoryLookup(deps.products),
    checkTimeZone: createTimeZoneCheck(deps.db),
  };
  return {
    apollo: createSubgraphApollo<SubgraphContext>({ typeDefs, resolvers, production: deps.production }),
    context: async (request) => createContext(services, request),
    background: () => startAnalyticsConsumer(deps.db, deps.events, services.lookupCategories, deps.logger),
  };
}
