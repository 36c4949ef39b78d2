// Shoppers who add to cart and check out through the gateway in a loop, as the load did,
// and a careful client's retry: a checkout that failed is sent again with the same idempotency key
// until the order settles, so no order is left half-done by the client giving up.
import { randomUUID } from 'node:crypto';
import { demoStock, demoUsers, DEMO_ADMIN_EMAIL } from '@shopgraph/demo-data';
import { graphqlRequest, signIn } from '@shopgraph/testing';

const CARD = '4242 4242 4242 4242';
const ADDRESS = { recipient: 'Fault Shopper', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' };
const ADD = 'mutation ($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }';
const CHECKOUT = `mutation ($a: ID!, $k: String!) { checkout(input: { addressId: $a, cardNumber: "${CARD}" }, idempotencyKey: $k) {
  __typename ... on OrderPlaced { order { id status } } ... on PaymentFailed { order { id status } }
} }`;
const PRODUCTS = demoStock.filter((row) => row.onHand >= 20).map((row) => row.productId);

export interface Shopper {
  email: string;
  headers: Record<string, string>;
  addressId: string;
}

/**
 * One request of a shopper's flow and its outcome. addToCart: ADDED or ERROR. checkout: PAID,
 * PAYMENT_FAILED, PENDING, OUT_OF_STOCK... or ERROR. ERROR is a fault, whichever step it was.
 */
export interface ShopperAttempt {
  step: 'addToCart' | 'checkout';
  startedAt: number;
  endedAt: number;
  outcome: string;
  orderId?: string;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Demo customers signed in through the gateway, each with an address of its own. */
export async function signInShoppers(gatewayUrl: string, count: number): Promise<Shopper[]> {
  const customers = demoUsers.filter((user) => user.role === 'CUSTOMER').slice(0, count);
  return Promise.all(
    customers.map(async ({ email }) => {
      const { headers } = await signIn(gatewayUrl, email);
      const added = await graphqlRequest(gatewayUrl, 'mutation ($i: AddressInput!) { addAddress(input: $i) { id } }', { i: ADDRESS }, headers);
      if (!added.data?.addAddress) throw new Error(`no address for ${email}: ${JSON.stringify(added.errors)}`);
      return { email, headers, addressId: added.data.addAddress.id as string };
    }),
  );
}

/** Enough stock that a few minutes of load never runs out: a checkout refused for stock tells nothing here. */
export async function restock(gatewayUrl: string): Promise<void> {
  const { headers } = await signIn(gatewayUrl, DEMO_ADMIN_EMAIL);
  for (const productId of PRODUCTS) {
    const adjusted = await graphqlRequest(
      gatewayUrl,
      'mutation ($id: ID!) { adjustStock(productId: $id, delta: 100000, reason: "fault test") { delta } }',
      { id: productId },
      headers,
    );
    if (adjusted.errors) throw new Error(`restock ${productId}: ${JSON.stringify(adjusted.errors)}`);
  }
}

/** One unit of a product in stock into the shopper's cart: ADDED, or ERROR when the request failed. */
export async function addToCart(gatewayUrl: string, shopper: Shopper, productIndex = 0): Promise<ShopperAttempt> {
  const startedAt = Date.now();
  const added = await graphqlRequest(gatewayUrl, ADD, { p: PRODUCTS[productIndex % PRODUCTS.length] }, shopper.headers).catch(() => undefined);
  return { step: 'addToCart', startedAt, endedAt: Date.now(), outcome: added?.data?.addToCart ? 'ADDED' : 'ERROR' };
}

/** One checkout request with `key`: its outcome, ERROR when the request failed (a fault). */
export async function checkoutOnce(gatewayUrl: string, shopper: Shopper, key: string): Promise<ShopperAttempt> {
  const startedAt = Date.now();
  const response = await graphqlRequest(gatewayUrl, CHECKOUT, { a: shopper.addressId, k: key }, shopper.headers).catch(() => undefined);
  const result = response?.data?.checkout as { __typename: string; order?: { id: string; status: string } } | undefined;
  const code = response?.errors?.[0]?.extensions?.code;
  const outcome = result ? (result.order?.status ?? result.__typename) : code === 'BAD_USER_INPUT' ? 'EMPTY_CART' : 'ERROR';
  return { step: 'checkout', startedAt, endedAt: Date.now(), outcome, orderId: result?.order?.id };
}

/** How many attempts started after `since` had each step and outcome, e.g. `addToCart ERROR ×12, checkout PAID ×1`: for a failure's message. */
export function outcomesSince(attempts: readonly ShopperAttempt[], since: number): string {
  const counts = new Map<string, number>();
  for (const attempt of attempts.filter((candidate) => candidate.startedAt > since)) {
    const key = `${attempt.step} ${attempt.outcome}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, count]) => `${key} ×${count}`).join(', ') || 'none';
}

const settled = (outcome: string) => outcome !== 'ERROR' && outcome !== 'PENDING';

export interface CheckoutLoad {
  /** Every request of the shoppers' flows, both steps, in the order they ended. */
  attempts: ShopperAttempt[];
  /** Checkouts PAID by requests started after `since` (ms since the epoch). */
  paidCount(since?: number): number;
  /** Stops starting purchases; each shopper retries its last one until it settles (or `drainMs` passes). */
  stop(drainMs: number): Promise<{ unsettled: number }>;
}

/**
 * Every shopper loops: add one unit to the cart, check out, retry that key until the order settles.
 * An addToCart that failed is tried again before any checkout, so a shopper may fail only at that
 * step for a whole outage (it reads stock from inventory's database): both steps are attempts.
 */
export function startCheckoutLoad(gatewayUrl: string, shoppers: Shopper[]): CheckoutLoad {
  const attempts: ShopperAttempt[] = [];
  let stopping = false;
  let drainDeadline = Infinity;
  const shop = async (shopper: Shopper, index: number): Promise<boolean> => {
    for (let round = 0; !stopping; round += 1) {
      const added = await addToCart(gatewayUrl, shopper, index + round);
      attempts.push(added);
      if (added.outcome !== 'ADDED') {
        await pause(200);
        continue;
      }
      const key = randomUUID();
      for (;;) {
        const attempt = await checkoutOnce(gatewayUrl, shopper, key);
        attempts.push(attempt);
        if (settled(attempt.outcome)) break;
        if (Date.now() > drainDeadline) return false;
        await pause(250);
      }
    }
    return true;
  };
  const running = shoppers.map(shop);
  return {
    attempts,
    paidCount: (since = 0) => attempts.filter((attempt) => attempt.startedAt > since && attempt.outcome === 'PAID').length,
    stop: async (drainMs) => {
      // A second stop (the suite's afterEach) only shortens the drain.
      stopping = true;
      drainDeadline = Math.min(drainDeadline, Date.now() + drainMs);
      const results = await Promise.all(running);
      return { unsettled: results.filter((done) => !done).length };
    },
  };
}

/**
 * A new purchase every few hundred ms, each with a fresh key, until one is PAID: how soon the
 * platform sells again, not how soon an old key's payment lease runs out. Returns the keys that
 * did not settle, for settleCheckouts().
 */
export async function firstPaidCheckout(gatewayUrl: string, shopper: Shopper, timeoutMs: number): Promise<{ afterMs: number; unsettledKeys: string[] }> {
  const startedAt = Date.now();
  const unsettledKeys: string[] = [];
  while (Date.now() - startedAt < timeoutMs) {
    if ((await addToCart(gatewayUrl, shopper)).outcome === 'ADDED') {
      const key = randomUUID();
      const attempt = await checkoutOnce(gatewayUrl, shopper, key);
      if (attempt.outcome === 'PAID') return { afterMs: Date.now() - startedAt, unsettledKeys };
      if (!settled(attempt.outcome)) unsettledKeys.push(key);
    }
    await pause(250);
  }
  throw new Error(`no checkout was PAID within ${timeoutMs} ms`);
}

/** Retries each key until its order settles; false when one had not within `timeoutMs`. */
export async function settleCheckouts(gatewayUrl: string, shopper: Shopper, keys: string[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (const key of keys) {
    while (!settled((await checkoutOnce(gatewayUrl, shopper, key)).outcome)) {
      if (Date.now() > deadline) return false;
      await pause(250);
    }
  }
  return true;
}
