import { requireRole } from '@shopgraph/server';
import { topCategories as findTopCategories } from '../../db/queries/product-report';
import { reportRange, topListSize } from '../../reports/report-range';
import type { QueryResolvers } from '../../__generated__/resolvers-types';

export const topCategories: QueryResolvers['topCategories'] = (_, args, { db, viewer }) => {
  requireRole(viewer, 'ADMIN');
  return findTopCategories(db, reportRange(new Date(args.from), new Date(args.to)), args.by ?? 'REVENUE', topListSize(args.first, 10));
};
