import { demoOrders, demoProducts, demoReviews, demoStockMovements } from '@shopgraph/demo-data';
import type { DomainEvent, EventPayload, EventTopic } from '@shopgraph/events';

/** The prefix of every demo event's id: a rebuild tells by it that the demo history was seeded. */
export const DEMO_EVENT_PREFIX = 'demo:';

function demoEvent<T extends EventTopic>(topic: T, key: string, at: Date, payload: EventPayload<T>): DomainEvent {
  return { id: `${DEMO_EVENT_PREFIX}${topic}:${key}`, topic, source: 'demo', occurredAt: at.toISOString(), payload };
}

function orderEvents(): DomainEvent[] {
  return demoOrders.flatMap((order) => [
    demoEvent('OrderCreated', order.id, order.createdAt, {
      orderId: order.id,
      userId: order.userId,
      totalCents: order.totalCents,
      currency: order.currency,
      items: order.items.map(({ productId, quantity, unitPriceCents }) => ({ productId, quantity, unitPriceCents })),
      at: order.createdAt.toISOString(),
    }),
    ...order.history.map((change) =>
      demoEvent('OrderStatusChanged', `${order.id}:${change.sequence}`, change.at, {
        orderId: order.id,
        userId: order.userId,
        from: change.from,
        to: change.to,
        sequence: change.sequence,
        at: change.at.toISOString(),
      }),
    ),
    ...order.refunds.map((refund) =>
      demoEvent('OrderRefunded', `${order.id}:${refund.refundedTotalCents}`, refund.at, {
        orderId: order.id,
        userId: order.userId,
        amountCents: refund.amountCents,
        refundedTotalCents: refund.refundedTotalCents,
        currency: order.currency,
        reason: refund.reason,
        at: refund.at.toISOString(),
      }),
    ),
  ]);
}

function stockEvents(): DomainEvent[] {
  return demoStockMovements.map((movement) =>
    demoEvent('StockChanged', `${movement.productId}:${movement.version}`, movement.at, {
      productId: movement.productId,
      available: movement.onHand,
      version: movement.version,
    }),
  );
}

/** One rating change per approved demo review, in the order they were written, as the reviews subgraph would have announced them. */
function ratingEvents(): DomainEvent[] {
  const approved = demoReviews.filter((review) => review.status === 'APPROVED').sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const sums = new Map<string, { count: number; sum: number }>();
  return approved.map((review) => {
    const previous = sums.get(review.productId) ?? { count: 0, sum: 0 };
    const now = { count: previous.count + 1, sum: previous.sum + review.rating };
    sums.set(review.productId, now);
    return demoEvent('RatingChanged', `${review.productId}:${now.count}`, review.createdAt, {
      productId: review.productId,
      average: Math.round((now.sum / now.count) * 100) / 100,
      count: now.count,
      version: now.count,
    });
  });
}

/**
 * The demo shop's year (packages/demo-data) as the events its orders, stock and reviews would have
 * published, with ids derived from what they describe: seeding them again writes nothing.
 */
export function demoHistoryEvents(): DomainEvent[] {
  return [...orderEvents(), ...stockEvents(), ...ratingEvents()];
}

/** The demo catalog's categories, so the demo orders' lines need no call to the products subgraph. */
export const demoCategoryLookup = async (productIds: readonly string[]): Promise<Map<string, string>> => {
  const wanted = new Set(productIds);
  return new Map(demoProducts.filter((product) => wanted.has(product.id)).map((product) => [product.id, product.categoryId]));
};
