import { createCachedEntityLoader, createEntityLoader, createGroupLoader, DataLoader } from '@shopgraph/loaders';
import type { ReviewsDb } from './db/database';
import type { ReviewsCaches } from './entity-caches';
import { findRatingsByProductIds } from './db/queries/ratings';
import { countByAuthors, findFirstPerParent, findReviewsByIds, type ReviewParent, type ReviewVisibility } from './db/queries/reviews';
import type { ReviewRow } from './db/schema';

/**
 * Per-request loaders: each batch of parents is one statement, whatever the number of parents.
 * Made per request because what they hold depends on the viewer (an author sees their own pending
 * reviews); only rating summaries, the same for everyone, go through the shared cache.
 */
export function createReviewsLoaders(db: ReviewsDb, caches: ReviewsCaches) {
  // One loader per (parent kind, visibility, page size): a batch shares the same `first`.
  const firstPages = new Map<string, DataLoader<string, ReviewRow[]>>();
  const authorCounts = new Map<ReviewVisibility, DataLoader<string, number>>();
  return {
    /** Any status: resolvers decide who sees it. */
    reviewById: createEntityLoader(
      (ids: readonly string[]) => findReviewsByIds(db, ids),
      (row) => row.id,
    ),
    ratingByProductId: createCachedEntityLoader(
      caches.ratingByProductId,
      (ids) => findRatingsByProductIds(db, ids),
      (row) => row.productId,
    ),
    reviewCountByAuthorId(visibility: ReviewVisibility): DataLoader<string, number> {
      let loader = authorCounts.get(visibility);
      if (!loader) {
        loader = new DataLoader(async (ids: readonly string[]) => {
          const counts = new Map((await countByAuthors(db, visibility, ids)).map((row) => [row.authorId, row.count]));
          return ids.map((id) => counts.get(id) ?? 0);
        });
        authorCounts.set(visibility, loader);
      }
      return loader;
    },
    firstReviews(parent: ReviewParent, visibility: ReviewVisibility, first: number): DataLoader<string, ReviewRow[]> {
      const key = `${parent}:${visibility}:${first}`;
      let loader = firstPages.get(key);
      if (!loader) {
        loader = createGroupLoader(
          (ids: readonly string[]) => findFirstPerParent(db, parent, visibility, ids, first),
          (row) => row[parent],
        );
        firstPages.set(key, loader);
      }
      return loader;
    },
  };
}

export type ReviewsLoaders = ReturnType<typeof createReviewsLoaders>;
