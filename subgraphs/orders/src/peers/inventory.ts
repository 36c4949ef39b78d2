import { ANONYMOUS, SERVICE_VIEWER } from '@shopgraph/auth';
import type { PeerClient } from './peer-client';

export interface OrderLine {
  productId: string;
  quantity: number;
}

/** A checkout's stock is held this long; an order unpaid by then gives it back by itself. */
export const CHECKOUT_HOLD_SECONDS = 15 * 60;

const AVAILABLE = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Product { id stock { available } } } }`;
const RESERVE = `mutation ($o: ID!, $items: [ReservationItemInput!]!, $ttl: Int) {
  reserveStock(orderId: $o, items: $items, ttlSeconds: $ttl) { __typename ... on OutOfStock { products { id } } }
}`;

/** Units free to sell, by product id (0 for products inventory does not know). */
export async function fetchAvailableUnits(peers: PeerClient, productIds: readonly string[]): Promise<Map<string, number>> {
  if (productIds.length === 0) return new Map();
  const data = await peers.request<{ _entities: ({ id: string; stock: { available: number } } | null)[] }>('inventory', ANONYMOUS, AVAILABLE, {
    r: productIds.map((id) => ({ __typename: 'Product', id })),
  });
  return new Map(productIds.map((id, index) => [id, data._entities[index]?.stock.available ?? 0]));
}

/** Holds every line for the order or none; idempotent per order. Returns the products short of stock, empty when held. */
export async function reserveOrderStock(peers: PeerClient, orderId: string, lines: readonly OrderLine[]): Promise<string[]> {
  const data = await peers.request<{ reserveStock: { __typename: string; products?: { id: string }[] } }>('inventory', SERVICE_VIEWER, RESERVE, {
    o: orderId,
    items: lines,
    ttl: CHECKOUT_HOLD_SECONDS,
  });
  return data.reserveStock.__typename === 'OutOfStock' ? (data.reserveStock.products ?? []).map((product) => product.id) : [];
}

/** Takes the held units out of stock (paid). Idempotent. */
export async function confirmOrderStock(peers: PeerClient, orderId: string): Promise<void> {
  await peers.request('inventory', SERVICE_VIEWER, 'mutation ($o: ID!) { confirmReservation(orderId: $o) { status } }', { o: orderId });
}

/** Gives the units back, held or taken (failed payment, cancellation). Idempotent. */
export async function releaseOrderStock(peers: PeerClient, orderId: string): Promise<void> {
  await peers.request('inventory', SERVICE_VIEWER, 'mutation ($o: ID!) { releaseReservation(orderId: $o) { status } }', { o: orderId });
}
