import { sql } from 'drizzle-orm';
import { OUTBOX_CHANNEL, type EventTopic } from '@shopgraph/events';
import type { InventoryTx } from '../database';

const STOCK_CHANGED: EventTopic = 'StockChanged';

/**
 * Writes one StockChanged event (see EventContracts) per product into the outbox, in the caller's transaction, and
 * bumps each product's version. Call it after the stock rows were updated: their row locks make
 * versions follow commit order. The events' time is the clock at this write (see writeOutboxEvent).
 */
export async function recordStockChanged(tx: InventoryTx, productIds: readonly string[]): Promise<void> {
  if (productIds.length === 0) return;
  await tx.execute(sql`
    with changed as (
      update stock set version = version + 1 where product_id in ${[...new Set(productIds)]}
      returning product_id, on_hand - reserved as available, version
    ), written as (
      insert into outbox (topic, payload, created_at)
      select ${STOCK_CHANGED}, jsonb_build_object('productId', product_id, 'available', available, 'version', version), clock_timestamp() from changed
      returning id
    )
    select pg_notify(${OUTBOX_CHANNEL}, '') from written limit 1`);
}
