import { requireRole } from '@shopgraph/server';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

export const rotateSigningKey: MutationResolvers['rotateSigningKey'] = async (_, __, { keys, viewer, logger }) => {
  requireRole(viewer, 'ADMIN');
  const kid = await keys.rotate();
  logger.info({ kid }, 'signing key rotated');
  return kid;
};
