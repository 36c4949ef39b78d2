import { requireRole } from '@shopgraph/server';
import { paymentRates as findPaymentRates } from '../../db/queries/sales-report';
import { reportRange } from '../../reports/report-range';
import type { QueryResolvers } from '../../__generated__/resolvers-types';

export const paymentRates: QueryResolvers['paymentRates'] = (_, args, { db, viewer }) => {
  requireRole(viewer, 'ADMIN');
  return findPaymentRates(db, reportRange(new Date(args.from), new Date(args.to)));
};
