import { isRedisUnavailable, type Cache } from '@shopgraph/cache';
import { serviceUnavailable } from '@shopgraph/server';
import { z } from 'zod';

/** A cart left alone this long is forgotten; every change starts the time again. */
export const CART_TTL_SECONDS = 7 * 24 * 60 * 60;
export const MAX_CART_LINES = 50;
export const MAX_LINE_QUANTITY = 99;

const storedCart = z.object({
  lines: z.array(
    z.object({
      productId: z.uuid(),
      quantity: z.number().int().min(1),
      /** The unit price the shopper was shown when the line was added (or last re-priced at checkout). */
      seenPriceCents: z.number().int().min(0),
    }),
  ),
  updatedAt: z.string(),
});

export type StoredCart = z.infer<typeof storedCart>;
export type StoredCartLine = StoredCart['lines'][number];

/** Carts live only in Redis: while it is down there is no cart to show or change, and the shopper is told so. */
async function orUnavailable<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isRedisUnavailable(error)) throw serviceUnavailable('Carts are unavailable right now; try again shortly', error.retryAfterSeconds);
    throw error;
  }
}

const EMPTY: StoredCart = { lines: [], updatedAt: new Date(0).toISOString() };
const keyOf = (userId: string) => `cart:v1:${userId}`;

/**
 * Carts live in the shared cache (Redis, or in-process in the single-process mode), one JSON value
 * per user with a TTL. A cart is the shopper's own scratch pad, so the last write wins: concurrent
 * edits of one cart by one person are not worth a lock.
 */
export class CartStore {
  constructor(private readonly cache: Cache) {}

  async load(userId: string): Promise<StoredCart> {
    const [raw] = await orUnavailable(this.cache.getMany([keyOf(userId)]));
    if (!raw) return EMPTY;
    const parsed = storedCart.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : EMPTY;
  }

  async save(userId: string, lines: StoredCartLine[]): Promise<StoredCart> {
    if (lines.length === 0) return this.clear(userId);
    const cart = { lines, updatedAt: new Date().toISOString() };
    await orUnavailable(this.cache.setMany([{ key: keyOf(userId), value: JSON.stringify(cart), ttlSeconds: CART_TTL_SECONDS }]));
    return cart;
  }

  async clear(userId: string): Promise<StoredCart> {
    await orUnavailable(this.cache.delete([keyOf(userId)]));
    return { lines: [], updatedAt: new Date().toISOString() };
  }
}
