import { parseId } from '@shopgraph/server';
import { canSeeReview } from '../../reviews/visibility';
import type { QueryResolvers } from '../../__generated__/resolvers-types';

export const review: QueryResolvers['review'] = async (_, { id }, { loaders, viewer }) => {
  const found = await loaders.reviewById.load(parseId(id));
  return found && canSeeReview(viewer, found) ? found : null;
};
