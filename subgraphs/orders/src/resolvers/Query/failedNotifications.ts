import { pageSize, requireRole } from '@shopgraph/server';
import { findDeadEmails } from '../../db/queries/emails';
import type { QueryResolvers } from '../../__generated__/resolvers-types';

export const failedNotifications: QueryResolvers['failedNotifications'] = (_, { first }, { db, viewer }) => {
  // Second line behind the gateway's @requiresScopes.
  requireRole(viewer, 'ADMIN');
  return findDeadEmails(db, pageSize(first, 20));
};
