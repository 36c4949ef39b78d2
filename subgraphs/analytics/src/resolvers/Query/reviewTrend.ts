import { requireRole } from '@shopgraph/server';
import { reviewTrend as findReviewTrend } from '../../db/queries/review-report';
import { PERIOD_UNIT, reportRange } from '../../reports/report-range';
import type { QueryResolvers } from '../../__generated__/resolvers-types';

export const reviewTrend: QueryResolvers['reviewTrend'] = async (_, args, { db, viewer, checkTimeZone }) => {
  requireRole(viewer, 'ADMIN');
  const range = reportRange(new Date(args.from), new Date(args.to), args.period);
  return findReviewTrend(db, range, PERIOD_UNIT[args.period], await checkTimeZone(args.timeZone));
};
