import { requireRole } from '@shopgraph/server';
import { topProducts as findTopProducts } from '../../db/queries/product-report';
import { reportRange, topListSize } from '../../reports/report-range';
import type { QueryResolvers } from '../../__generated__/resolvers-types';

export const topProducts: QueryResolvers['topProducts'] = (_, args, { db, viewer }) => {
  requireRole(viewer, 'ADMIN');
  return findTopProducts(db, reportRange(new Date(args.from), new Date(args.to)), args.by ?? 'REVENUE', topListSize(args.first, 10));
};
