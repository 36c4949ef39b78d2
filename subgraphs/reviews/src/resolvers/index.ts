import { DateTimeScalar } from '@shopgraph/server';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Product } from './Product';
import { review } from './Query/review';
import { Review } from './Review';
import { User } from './User';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: { review },
  Review,
  Product,
  User,
};
