import { setProductArchived } from '../../catalog/archive-state';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

export const restoreProduct: MutationResolvers['restoreProduct'] = (_, { id }, context) => setProductArchived(context, id, false);
