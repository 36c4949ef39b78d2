import { parseId, requireAdminOrService } from '@shopgraph/server';
import { confirmReservation as settle } from '../../reservations/settle-reservation';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

export const confirmReservation: MutationResolvers['confirmReservation'] = async (_, { orderId }, { db, caches, viewer }) => {
  requireAdminOrService(viewer);
  const { reservation, changed } = await settle(db, parseId(orderId, 'orderId'));
  await caches.stockByProductId.invalidate(changed);
  return reservation;
};
