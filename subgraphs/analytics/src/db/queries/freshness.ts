import { sql } from 'drizzle-orm';
import type { AnalyticsDb, AnalyticsTx } from '../database';

export interface TopicFreshness {
  topic: string;
  eventsApplied: number;
  lastEventAt: Date | null;
}

/** Events applied per topic, for every topic analytics reads (a topic with none yet included). */
export async function findFreshness(db: AnalyticsDb, topics: readonly string[]): Promise<TopicFreshness[]> {
  const rows = await db.execute<{ topic: string; applied: number; last_ms: number | null }>(
    sql`select topic, count(*)::int as applied, extract(epoch from max(occurred_at))::float8 * 1000 as last_ms from processed_events group by topic`,
  );
  const byTopic = new Map(rows.map((row) => [row.topic, row]));
  return topics.map((topic) => {
    const row = byTopic.get(topic);
    return { topic, eventsApplied: row?.applied ?? 0, lastEventAt: row?.last_ms != null ? new Date(row.last_ms) : null };
  });
}

/** Empties every fact table and the record of applied events, in the caller's transaction. */
export async function truncateFacts(tx: AnalyticsTx): Promise<void> {
  await tx.execute(sql`truncate order_facts, order_line_facts, order_status_facts, refund_facts, stock_facts, rating_facts, processed_events`);
}
