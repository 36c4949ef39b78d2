import { parseId } from '@shopgraph/server';
import type { QueryResolvers } from '../../__generated__/resolvers-types';

export const order: QueryResolvers['order'] = (_, { id }, { loaders }) => loaders.orderById.load(parseId(id));
