import { requireRole } from '@shopgraph/server';
import { findFreshness } from '../../db/queries/freshness';
import { ANALYTICS_TOPICS } from '../../events/apply-event';
import type { QueryResolvers } from '../../__generated__/resolvers-types';

export const analyticsFreshness: QueryResolvers['analyticsFreshness'] = (_, __, { db, viewer }) => {
  requireRole(viewer, 'ADMIN');
  return findFreshness(db, ANALYTICS_TOPICS);
};
