import { requireRole } from '@shopgraph/server';
import { findFreshness } from '../../db/queries/freshness';
import { ANALYTICS_TOPICS } from '../../events/apply-event';
import { rebuildFromHistory } from '../../events/rebuild';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

export const rebuildAnalytics: MutationResolvers['rebuildAnalytics'] = async (_, __, { db, events, lookupCategories, viewer, logger }) => {
  requireRole(viewer, 'ADMIN');
  const eventsApplied = await rebuildFromHistory(db, events, lookupCategories);
  logger.info({ eventsApplied }, 'analytics rebuilt from the streams');
  return { eventsApplied, freshness: await findFreshness(db, ANALYTICS_TOPICS) };
};
