import type { AnalyticsDb } from '../db/database';
import { applyEvents } from '../events/apply-event';
import { demoCategoryLookup, demoHistoryEvents } from './demo-events';

/**
 * Applies the demo history through the same path as the bus's events (contracts, claims, fact
 * writes), in one transaction, never through the bus: live subscribers would get a year of
 * backlog. Returns how many events were new (none when it was seeded before).
 */
export function seedDemoFacts(db: AnalyticsDb): Promise<number> {
  return applyEvents(db, demoCategoryLookup, demoHistoryEvents());
}
