import { badUserInput, decodeCursor, encodeCursor, pageSize, toConnection } from '@shopgraph/server';
import type { SubgraphContext } from '../context';
import { findApprovedPage, type ReviewParent } from '../db/queries/reviews';
import type { ReviewRow } from '../db/schema';

const cursorOf = (row: ReviewRow) => encodeCursor([row.createdAt.toISOString(), row.id]);

/**
 * A page of a parent's approved reviews, newest first. The first page of many parents is batched
 * through a loader; later pages (with `after`) are one keyset query each.
 */
export async function reviewPage(
  context: SubgraphContext,
  parent: ReviewParent,
  parentId: string,
  args: { first?: number | null; after?: string | null },
  totalCount: () => Promise<number>,
) {
  const size = pageSize(args.first, 10);
  let rows: Promise<ReviewRow[]>;
  if (args.after) {
    const [createdAt, id] = decodeCursor(args.after, 2);
    const position = { createdAt: new Date(String(createdAt)), id: String(id) };
    if (Number.isNaN(position.createdAt.getTime())) throw badUserInput('"after" is not a cursor this API gave out', 'after');
    rows = findApprovedPage(context.db, parent, parentId, size + 1, position);
  } else {
    rows = context.loaders.firstApproved(parent, size + 1).load(parentId);
  }
  // Awaited together: a failure of either is handled, and both loads join this tick's batches.
  const [page, count] = await Promise.all([rows, totalCount()]);
  return { ...toConnection(page, size, cursorOf), totalCount: count };
}
