import { parseId } from '@shopgraph/server';
import type { QueryResolvers } from '../../__generated__/resolvers-types';

export const review: QueryResolvers['review'] = (_, { id }, { loaders }) => loaders.reviewById.load(parseId(id));
