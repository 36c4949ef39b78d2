import { z } from 'zod';

/**
 * The events services exchange, one schema each: producers build payloads of these types and
 * consumers parse with them, so a malformed event fails loudly (and is dead-lettered) instead of
 * writing garbage.
 */
export const EventContracts = {
  /** Inventory: a product's available units changed (reserve, release, adjust, expiry). */
  StockChanged: z.object({
    productId: z.uuid(),
    available: z.number().int().min(0),
    /** Per product, increasing in commit order. */
    version: z.number().int().positive(),
  }),
  /** Reviews: a product's approved-review rating changed. */
  RatingChanged: z.object({
    productId: z.uuid(),
    average: z.number().min(1).max(5).nullable(),
    count: z.number().int().min(0),
    /** Per product, increasing in commit order. */
    version: z.number().int().positive(),
  }),
  /** Orders: a checkout placed an order (PENDING, stock held); written with the order. */
  OrderCreated: z.object({
    orderId: z.uuid(),
    userId: z.uuid(),
    totalCents: z.number().int().min(0),
    currency: z.string().length(3),
    items: z.array(z.object({ productId: z.uuid(), quantity: z.number().int().positive(), unitPriceCents: z.number().int().min(0) })),
    at: z.iso.datetime({ offset: true }),
  }),
  /** Orders: an order moved from one status to another; written in the transaction that moved it. */
  OrderStatusChanged: z.object({
    orderId: z.uuid(),
    userId: z.uuid(),
    /** null when the order was just placed (to PENDING). */
    from: z.string().nullable(),
    to: z.string(),
    /** Per order: 0 when it is placed, 1 for its first change, then 2, 3...; consumers can tell order and gaps. */
    sequence: z.number().int().min(0),
    at: z.iso.datetime({ offset: true }),
  }),
  /**
   * Orders: money was given back, whole or in part (a refund, or the refund of a paid order's
   * cancellation); written in the transaction that recorded it. A partial refund changes no status,
   * so this is the only event that tells of it.
   */
  OrderRefunded: z.object({
    orderId: z.uuid(),
    userId: z.uuid(),
    amountCents: z.number().int().positive(),
    /** All refunded on the order after this refund: increases with every refund of one order, so it keys it. */
    refundedTotalCents: z.number().int().positive(),
    currency: z.string().length(3),
    reason: z.string(),
    at: z.iso.datetime({ offset: true }),
  }),
};

export type EventTopic = keyof typeof EventContracts;
export type EventPayload<T extends EventTopic> = z.infer<(typeof EventContracts)[T]>;
