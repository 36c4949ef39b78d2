import { pageSize } from '@shopgraph/server';
import { findRecentEmails } from '../../db/queries/emails';
import { devInboxOwner } from '../../notifications/dev-inbox-owner';
import type { QueryResolvers } from '../../__generated__/resolvers-types';

export const devMailbox: QueryResolvers['devMailbox'] = (_, { first }, { db, viewer, production }) =>
  findRecentEmails(db, devInboxOwner(viewer, production, 'mailbox'), pageSize(first, 20));
