import type { TextMessageResolvers } from '../__generated__/resolvers-types';

export const TextMessage: TextMessageResolvers = {
  to: (message) => message.toPhone,
  order: (message, _, { loaders }) => (message.orderId ? loaders.orderById.load(message.orderId) : null),
  deadLetteredAt: (message) => message.deadAt,
};
