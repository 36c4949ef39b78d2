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
};

export type EventTopic = keyof typeof EventContracts;
export type EventPayload<T extends EventTopic> = z.infer<(typeof EventContracts)[T]>;
