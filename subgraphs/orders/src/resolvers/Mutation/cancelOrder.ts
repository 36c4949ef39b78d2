import { parseId, parseInput, requireSignedIn } from '@shopgraph/server';
import { z } from 'zod';
import { cancelOrder as cancel } from '../../lifecycle/order-actions';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

const reasonInput = z.string().trim().max(500).nullable();

export const cancelOrder: MutationResolvers['cancelOrder'] = (_, args, { commerce, viewer }) => {
  requireSignedIn(viewer);
  const reason = parseInput(reasonInput, args.reason ?? null);
  return cancel(commerce, viewer, parseId(args.orderId, 'orderId'), reason || null);
};
