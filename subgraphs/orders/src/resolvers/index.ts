import { DateTimeScalar } from '@shopgraph/server';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Order } from './Order';
import { OrderItem } from './OrderItem';
import { order } from './Query/order';
import { Review } from './Review';
import { User } from './User';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: { order },
  Order,
  OrderItem,
  Review,
  User,
};
