import { pageSize, requireRole, toConnection } from '@shopgraph/server';
import { countByStatus, findPageByStatus } from '../../db/queries/reviews';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import { reviewCursor, reviewPosition } from '../review-page';

export const reviewsForModeration: QueryResolvers['reviewsForModeration'] = async (_, args, { db, viewer }) => {
  requireRole(viewer, 'ADMIN');
  const status = args.status ?? 'PENDING';
  const size = pageSize(args.first, 20);
  const after = args.after ? reviewPosition(args.after) : null;
  const [rows, totalCount] = await Promise.all([findPageByStatus(db, status, size + 1, after), countByStatus(db, status)]);
  return { ...toConnection(rows, size, reviewCursor), totalCount };
};
