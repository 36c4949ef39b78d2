import type { RequestScoped } from '@shopgraph/server';
import type { ContextRequest, SubscriptionScope } from '@shopgraph/subscriptions';
import type { ReviewsDb } from './db/database';
import type { ReviewsCaches } from './entity-caches';
import { createReviewsLoaders, type ReviewsLoaders } from './loaders';

export interface SubgraphContext extends RequestScoped {
  db: ReviewsDb;
  loaders: ReviewsLoaders;
  caches: ReviewsCaches;
  /** Set for a subscription over graphql-ws: where its resolvers read their events. */
  subscriptions?: SubscriptionScope;
}

export function createContext(db: ReviewsDb, caches: ReviewsCaches, request: ContextRequest): SubgraphContext {
  const { requestId, logger, viewer, subscriptions } = request;
  return { requestId, logger, viewer, db, caches, loaders: createReviewsLoaders(db, caches), subscriptions };
}
