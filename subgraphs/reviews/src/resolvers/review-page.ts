import { badUserInput, decodeCursor, encodeCursor, pageSize, toConnection } from '@shopgraph/server';
import type { SubgraphContext } from '../context';
import { findPageAfter, type ReviewParent, type ReviewPosition, type ReviewVisibility } from '../db/queries/reviews';
import type { ReviewRow } from '../db/schema';

export const reviewCursor = (row: ReviewRow) => encodeCursor([row.createdAt.toISOString(), row.id]);

/** The keyset position a cursor of `reviewCursor` names, or BAD_USER_INPUT. */
export function reviewPosition(after: string): ReviewPosition {
  const [createdAt, id] = decodeCursor(after, 2);
  const position = { createdAt: new Date(String(createdAt)), id: String(id) };
  if (Number.isNaN(position.createdAt.getTime())) throw badUserInput('"after" is not a cursor this API gave out', 'after');
  return position;
}

/**
 * A page of a parent's reviews, newest first. The first page of many parents is batched through a
 * loader; later pages (with `after`) are one keyset query each.
 */
export async function reviewPage(
  context: SubgraphContext,
  parent: ReviewParent,
  visibility: ReviewVisibility,
  parentId: string,
  args: { first?: number | null; after?: string | null },
  totalCount: () => Promise<number>,
) {
  const size = pageSize(args.first, 10);
  const rows = args.after
    ? findPageAfter(context.db, parent, visibility, parentId, size + 1, reviewPosition(args.after))
    : context.loaders.firstReviews(parent, visibility, size + 1).load(parentId);
  // Awaited together: a failure of either is handled, and both loads join this tick's batches.
  const [page, count] = await Promise.all([rows, totalCount()]);
  return { ...toConnection(page, size, reviewCursor), totalCount: count };
}
