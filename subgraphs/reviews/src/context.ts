import type { RequestInfo, RequestScoped } from '@shopgraph/server';
import type { ReviewsDb } from './db/database';
import { createReviewsLoaders, type ReviewsLoaders } from './loaders';

export interface SubgraphContext extends RequestScoped {
  db: ReviewsDb;
  loaders: ReviewsLoaders;
}

export function createContext(db: ReviewsDb, request: RequestInfo): SubgraphContext {
  return { requestId: request.requestId, logger: request.logger, viewer: request.viewer, db, loaders: createReviewsLoaders(db) };
}
