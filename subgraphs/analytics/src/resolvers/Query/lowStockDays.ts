import { badUserInput, requireRole } from '@shopgraph/server';
import { findLowStockDays } from '../../db/queries/stock-report';
import { reportRange, topListSize } from '../../reports/report-range';
import type { QueryResolvers } from '../../__generated__/resolvers-types';

export const lowStockDays: QueryResolvers['lowStockDays'] = async (_, args, { db, viewer, checkTimeZone }) => {
  requireRole(viewer, 'ADMIN');
  const threshold = args.threshold ?? 5;
  if (threshold < 0 || threshold > 1_000_000) throw badUserInput('"threshold" must be between 0 and 1000000', 'threshold');
  const range = reportRange(new Date(args.from), new Date(args.to), 'DAY');
  return findLowStockDays(db, range, await checkTimeZone(args.timeZone), threshold, topListSize(args.first, 20));
};
