import { parseId, parseInput, requireRole } from '@shopgraph/server';
import { z } from 'zod';
import { markShipped as ship } from '../../lifecycle/order-actions';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

const shipmentInput = z.object({
  carrier: z.string().trim().min(2, 'must name the carrier').max(50),
  trackingNumber: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{4,40}$/, 'must be 4 to 40 letters, digits or dashes'),
});

export const markShipped: MutationResolvers['markShipped'] = (_, args, { commerce, viewer }) => {
  const actor = requireRole(viewer, 'ADMIN');
  const orderId = parseId(args.orderId, 'orderId');
  const { carrier, trackingNumber } = parseInput(shipmentInput, { carrier: args.carrier, trackingNumber: args.trackingNumber });
  return ship(commerce, actor, orderId, carrier, trackingNumber);
};
