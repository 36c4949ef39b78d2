import { parseId, parseInput, requireRole } from '@shopgraph/server';
import { z } from 'zod';
import { refundOrder as refund } from '../../lifecycle/order-actions';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

const refundInput = z.object({
  amount: z.number().int().positive('must be a positive number of cents').nullable(),
  reason: z.string().trim().min(3, 'must say why (3 characters at least)').max(500),
});

export const refundOrder: MutationResolvers['refundOrder'] = (_, args, { commerce, viewer }) => {
  const actor = requireRole(viewer, 'ADMIN');
  const orderId = parseId(args.orderId, 'orderId');
  const { amount, reason } = parseInput(refundInput, { amount: args.amount ?? null, reason: args.reason });
  return refund(commerce, actor, orderId, amount, reason);
};
