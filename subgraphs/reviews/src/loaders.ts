import { createCachedEntityLoader, createEntityLoader, createGroupLoader, DataLoader } from '@shopgraph/loaders';
import type { ReviewsDb } from './db/database';
import type { ReviewsCaches } from './entity-caches';
import { findRatingsByProductIds } from './db/queries/ratings';
import { countApprovedByAuthors, findApprovedReviewsByIds, findFirstApprovedPerParent, type ReviewParent } from './db/queries/reviews';
import type { ReviewRow } from './db/schema';

/** Per-request loaders: each batch of parents is one statement, whatever the number of parents. */
export function createReviewsLoaders(db: ReviewsDb, caches: ReviewsCaches) {
  // One loader per (parent kind, page size): a batch shares the same `first`.
  const firstPages = new Map<string, DataLoader<string, ReviewRow[]>>();
  return {
    reviewById: createEntityLoader((ids: readonly string[]) => findApprovedReviewsByIds(db, ids), (row) => row.id),
    ratingByProductId: createCachedEntityLoader(caches.ratingByProductId, (ids) => findRatingsByProductIds(db, ids), (row) => row.productId),
    approvedCountByAuthorId: new DataLoader(async (ids: readonly string[]) => {
      const counts = new Map((await countApprovedByAuthors(db, ids)).map((row) => [row.authorId, row.count]));
      return ids.map((id) => counts.get(id) ?? 0);
    }),
    firstApproved(parent: ReviewParent, first: number): DataLoader<string, ReviewRow[]> {
      const key = `${parent}:${first}`;
      let loader = firstPages.get(key);
      if (!loader) {
        loader = createGroupLoader((ids: readonly string[]) => findFirstApprovedPerParent(db, parent, ids, first), (row) => row[parent]);
        firstPages.set(key, loader);
      }
      return loader;
    },
  };
}

export type ReviewsLoaders = ReturnType<typeof createReviewsLoaders>;
