import { setProductArchived } from '../../catalog/archive-state';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

export const archiveProduct: MutationResolvers['archiveProduct'] = (_, { id }, context) => setProductArchived(context, id, true);
