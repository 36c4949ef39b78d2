import { GraphQLError } from 'graphql';
import { ErrorCode, requireSignedIn } from '@shopgraph/server';
import type { SubscriptionResolvers } from '../../__generated__/resolvers-types';
import { afterArgument, scopeOf } from '@shopgraph/subscriptions';
import { orderStatusEvents, type OrderStatusEventSource } from '../../subscriptions/order-status-events';

/** Changes of every order, for admins. */
export const orderEvents: SubscriptionResolvers['orderEvents'] = {
  subscribe: (_, { after }, context) => {
    requireSignedIn(context.viewer);
    if (!context.viewer.roles.includes('ADMIN')) throw new GraphQLError('Only admins can follow every order', { extensions: { code: ErrorCode.FORBIDDEN } });
    return orderStatusEvents(scopeOf(context), afterArgument(after), () => true);
  },
  resolve: (event: OrderStatusEventSource) => event,
};
