import { parseId, requireAdminOrService } from '@shopgraph/server';
import { releaseReservation as settle } from '../../reservations/settle-reservation';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

export const releaseReservation: MutationResolvers['releaseReservation'] = async (_, { orderId }, { db, caches, viewer }) => {
  requireAdminOrService(viewer);
  const { reservation, changed } = await settle(db, parseId(orderId, 'orderId'));
  await caches.stockByProductId.invalidate(changed);
  return reservation;
};
