import { parseId } from '@shopgraph/server';
import type { QueryResolvers } from '../../__generated__/resolvers-types';

export const user: QueryResolvers['user'] = (_, { id }, { loaders }) => loaders.userById.load(parseId(id));
