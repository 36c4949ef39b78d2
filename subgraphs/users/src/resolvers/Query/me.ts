import { requireSignedIn } from '@shopgraph/server';
import type { QueryResolvers } from '../../__generated__/resolvers-types';

export const me: QueryResolvers['me'] = (_, __, { loaders, viewer }) => loaders.userById.load(requireSignedIn(viewer));
