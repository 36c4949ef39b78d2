import { GraphQLError } from 'graphql';
import { ErrorCode, pageSize, requireSignedIn } from '@shopgraph/server';
import { findRecentEmails } from '../../db/queries/emails';
import type { QueryResolvers } from '../../__generated__/resolvers-types';

export const devMailbox: QueryResolvers['devMailbox'] = (_, { first }, { db, viewer, production }) => {
  const viewerId = requireSignedIn(viewer);
  const isAdmin = viewer.roles.includes('ADMIN');
  // In production the mailbox is an admin's support tool, not a second inbox for customers.
  if (production && !isAdmin) throw new GraphQLError('Only admins can read the mailbox in production', { extensions: { code: ErrorCode.FORBIDDEN } });
  return findRecentEmails(db, isAdmin ? null : viewerId, pageSize(first, 20));
};
