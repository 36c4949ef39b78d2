import { pageSize } from '@shopgraph/server';
import { findRecentTextMessages } from '../../db/queries/text-messages';
import { devInboxOwner } from '../../notifications/dev-inbox-owner';
import type { QueryResolvers } from '../../__generated__/resolvers-types';

export const devTextMessages: QueryResolvers['devTextMessages'] = (_, { first }, { db, viewer, production }) =>
  findRecentTextMessages(db, devInboxOwner(viewer, production, 'text messages'), pageSize(first, 20));
