import type { RequestInfo, RequestScoped } from '@shopgraph/server';
import type { ReviewsDb } from './db/database';
import type { ReviewsCaches } from './entity-caches';
import { createReviewsLoaders, type ReviewsLoaders } from './loaders';

export interface SubgraphContext extends RequestScoped {
  db: ReviewsDb;
  loaders: ReviewsLoaders;
  caches: ReviewsCaches;
}

export function createContext(db: ReviewsDb, caches: ReviewsCaches, request: RequestInfo): SubgraphContext {
  return { requestId: request.requestId, logger: request.logger, viewer: request.viewer, db, caches, loaders: createReviewsLoaders(db, caches) };
}
