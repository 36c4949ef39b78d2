import { pageSize, requireRole } from '@shopgraph/server';
import { findDeadEmailEvents } from '../../db/queries/email-outbox';
import type { QueryResolvers } from '../../__generated__/resolvers-types';

export const failedAccountEmails: QueryResolvers['failedAccountEmails'] = (_, { first }, { db, viewer }) => {
  // Second line behind the gateway's @requiresScopes.
  requireRole(viewer, 'ADMIN');
  return findDeadEmailEvents(db, pageSize(first, 20));
};
