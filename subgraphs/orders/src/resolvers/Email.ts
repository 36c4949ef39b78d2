import type { EmailResolvers } from '../__generated__/resolvers-types';

export const Email: EmailResolvers = {
  to: (email) => email.toAddress,
  order: (email, _, { loaders }) => (email.orderId ? loaders.orderById.load(email.orderId) : null),
  deadLetteredAt: (email) => email.deadAt,
};
