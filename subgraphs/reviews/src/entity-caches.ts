import type { Cache } from '@shopgraph/cache';
import type { Logger } from '@shopgraph/logging';
import { decodeRow, EntityCache } from '@shopgraph/loaders';
import type { ProductRatingRow } from './db/schema';

/** Rating summaries, shared by every process; every review change refreshes and invalidates them. */
export function createReviewsCaches(cache: Cache, schemaVersion: string, logger: Logger) {
  return {
    ratingByProductId: new EntityCache<string, ProductRatingRow>({
      cache,
      entity: 'rating',
      schemaVersion,
      ttlSeconds: 300,
      decode: (value) => decodeRow<ProductRatingRow>(value, ['count', 'sum', 'stars1', 'stars2', 'stars3', 'stars4', 'stars5', 'version'], ['updatedAt']),
      onCacheError: (error) => logger.warn({ err: error }, 'entity cache unavailable; reading Postgres'),
    }),
  };
}

export type ReviewsCaches = ReturnType<typeof createReviewsCaches>;
