import { DateTimeScalar } from '@shopgraph/server';
import type { Resolvers } from '../__generated__/resolvers-types';
import { DeletedReview } from './DeletedReview';
import { createReview } from './Mutation/createReview';
import { deleteReview } from './Mutation/deleteReview';
import { moderateReview } from './Mutation/moderateReview';
import { updateReview } from './Mutation/updateReview';
import { Product } from './Product';
import { review } from './Query/review';
import { reviewsForModeration } from './Query/reviewsForModeration';
import { RatingChangedEvent } from './RatingChangedEvent';
import { Review } from './Review';
import { ratingChanged } from './Subscription/ratingChanged';
import { User } from './User';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: { review, reviewsForModeration },
  Mutation: { createReview, updateReview, deleteReview, moderateReview },
  Subscription: { ratingChanged },
  RatingChangedEvent,
  Review,
  DeletedReview,
  Product,
  User,
};
