import { requireRole } from '@shopgraph/server';
import { salesByPeriod as findSalesByPeriod } from '../../db/queries/sales-report';
import { PERIOD_UNIT, reportRange } from '../../reports/report-range';
import type { QueryResolvers } from '../../__generated__/resolvers-types';

export const salesByPeriod: QueryResolvers['salesByPeriod'] = async (_, args, { db, viewer, checkTimeZone }) => {
  requireRole(viewer, 'ADMIN');
  const range = reportRange(new Date(args.from), new Date(args.to), args.period);
  return findSalesByPeriod(db, range, PERIOD_UNIT[args.period], await checkTimeZone(args.timeZone));
};
