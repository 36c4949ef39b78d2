import { pageSize, requireRole } from '@shopgraph/server';
import { findDeadTextMessages } from '../../db/queries/text-messages';
import type { QueryResolvers } from '../../__generated__/resolvers-types';

export const failedTextMessages: QueryResolvers['failedTextMessages'] = (_, { first }, { db, viewer }) => {
  // Second line behind the gateway's @requiresScopes.
  requireRole(viewer, 'ADMIN');
  return findDeadTextMessages(db, pageSize(first, 20));
};
