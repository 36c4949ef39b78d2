import { requireRole } from '@shopgraph/server';
import { findStockOuts } from '../../db/queries/stock-report';
import { reportRange, topListSize } from '../../reports/report-range';
import type { QueryResolvers } from '../../__generated__/resolvers-types';

export const stockOuts: QueryResolvers['stockOuts'] = (_, args, { db, viewer }) => {
  requireRole(viewer, 'ADMIN');
  return findStockOuts(db, reportRange(new Date(args.from), new Date(args.to)), topListSize(args.first, 20));
};
