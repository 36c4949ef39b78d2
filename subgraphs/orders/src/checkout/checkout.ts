import { GraphQLError } from 'graphql';
import { writeOutboxEvent, type EventPayload } from '@shopgraph/events';
import type { Viewer } from '@shopgraph/auth';
import { badUserInput, ErrorCode, requireSignedIn } from '@shopgraph/server';
import type { Commerce } from '../commerce';
import { insertStatusChange } from '../db/queries/order-history';
import { findOrderByIdempotencyKey, insertPendingOrder } from '../db/queries/order-writes';
import type { OrderRow } from '../db/schema';
import { SYSTEM_ACTOR } from '../lifecycle/transitions';
import { reserveOrderStock } from '../peers/inventory';
import { asClientError } from '../peers/peer-client';
import { fetchCatalogProducts } from '../peers/products';
import { fetchShopper } from '../peers/users';
import { checkoutHash, orderIdFor, parseCheckoutInput, parseIdempotencyKey, type CheckoutInput } from './checkout-input';
import type { CheckoutResult } from './checkout-result';
import { payOrder } from './pay-order';
import { resultForOrder } from './result-for-order';

/** A key seen before: the same input resumes or repeats that order; other input is a CONFLICT. */
async function repeat(commerce: Commerce, order: OrderRow, hash: string, input: CheckoutInput): Promise<CheckoutResult> {
  if (order.checkoutHash !== hash) {
    throw new GraphQLError('This idempotency key was already used for a checkout with other input; make a new key for a new purchase', {
      extensions: { code: ErrorCode.CONFLICT },
    });
  }
  return order.status === 'PENDING' ? payOrder(commerce, order, input.cardNumber) : resultForOrder(commerce.db, order);
}

/**
 * Buys the viewer's cart. Everything a client could get wrong is checked before anything is
 * written; prices come from products now, never from the cart or the client.
 */
export async function checkout(commerce: Commerce, viewer: Viewer, rawInput: unknown, rawKey: string): Promise<CheckoutResult> {
  const userId = requireSignedIn(viewer);
  const key = parseIdempotencyKey(rawKey);
  const input = parseCheckoutInput(rawInput);
  const hash = checkoutHash(input);
  const existing = await findOrderByIdempotencyKey(commerce.db, userId, key);
  if (existing) return repeat(commerce, existing, hash, input);

  const cart = await commerce.carts.load(userId);
  if (cart.lines.length === 0) throw badUserInput('The cart is empty', 'cart');
  const [shopper, products] = await Promise.all([
    fetchShopper(commerce.peers, viewer),
    fetchCatalogProducts(
      commerce.peers,
      cart.lines.map((line) => line.productId),
    ),
  ]);
  const address = shopper.addresses.find((candidate) => candidate.id === input.addressId);
  if (!address) throw badUserInput('"addressId" is not one of your addresses', 'input.addressId');
  const unavailable = cart.lines.filter((line) => !products.get(line.productId) || products.get(line.productId)!.archived);
  if (unavailable.length > 0) {
    throw badUserInput(`These products can no longer be bought; remove them from the cart: ${unavailable.map((line) => line.productId).join(', ')}`, 'cart');
  }
  const priced = cart.lines.map((line) => ({ ...line, product: products.get(line.productId)! }));
  const changed = priced.filter((line) => line.product.priceCents !== line.seenPriceCents);
  if (changed.length > 0) {
    // The shopper is shown the new prices now; checking out again buys at them.
    await commerce.carts.save(
      userId,
      priced.map(({ product, ...line }) => ({ ...line, seenPriceCents: product.priceCents })),
    );
    return {
      __typename: 'PriceChanged',
      lines: changed.map((line) => ({ productId: line.productId, previousCents: line.seenPriceCents, currentCents: line.product.priceCents })),
    };
  }

  const orderId = orderIdFor(userId, key);
  const short = await reserveOrderStock(
    commerce.peers,
    orderId,
    priced.map(({ productId, quantity }) => ({ productId, quantity })),
  ).catch(asClientError);
  if (short.length > 0) return { __typename: 'CheckoutOutOfStock', productIds: short };

  const { id: _addressId, ...shippingAddress } = address;
  const totalCents = priced.reduce((sum, line) => sum + line.product.priceCents * line.quantity, 0);
  const placed = await commerce.db.transaction(async (tx) => {
    const order = await insertPendingOrder(
      tx,
      { id: orderId, userId, totalCents, currency: 'USD', idempotencyKey: key, checkoutHash: hash, shippingAddress, contactEmail: shopper.email },
      priced.map((line) => ({ productId: line.productId, productName: line.product.name, unitPriceCents: line.product.priceCents, quantity: line.quantity })),
    );
    if (!order) return undefined;
    await insertStatusChange(tx, { orderId, sequence: 0, fromStatus: null, toStatus: 'PENDING', actor: SYSTEM_ACTOR, reason: 'checkout', at: order.createdAt });
    const event: EventPayload<'OrderCreated'> = {
      orderId,
      userId,
      totalCents,
      currency: 'USD',
      items: priced.map((line) => ({ productId: line.productId, quantity: line.quantity, unitPriceCents: line.product.priceCents })),
      at: order.createdAt.toISOString(),
    };
    await writeOutboxEvent(tx, 'OrderCreated', event);
    // Subscribers see the order's whole life: its first status too.
    const placedEvent: EventPayload<'OrderStatusChanged'> = { orderId, userId, from: null, to: 'PENDING', sequence: 0, at: event.at };
    await writeOutboxEvent(tx, 'OrderStatusChanged', placedEvent);
    return order;
  });
  // Another request with the same key inserted it first: answer as its repeat.
  if (!placed) return repeat(commerce, (await findOrderByIdempotencyKey(commerce.db, userId, key))!, hash, input);
  return payOrder(commerce, placed, input.cardNumber);
}
