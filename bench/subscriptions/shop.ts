// The harness's side of the shop, through the platform's own gateway over HTTP: sign in, give the
// buyers an address, place paid orders, and ship or deliver them as admin.
import { randomUUID } from 'node:crypto';
import type { CostBudgets } from '@shopgraph/gateway';
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, demoStock, demoUsers } from '@shopgraph/demo-data';

/** The harness sends every request from 127.0.0.1 and most as one admin; budgets are not what is measured. */
export const UNLIMITED_COST_BUDGETS: CostBudgets = { perIp: { points: 1e12, windowSeconds: 60 }, perViewer: { points: 1e12, windowSeconds: 60 } };

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string }[];
}

export async function graphql<T>(url: string, query: string, variables: Record<string, unknown>, authorization?: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const answer = (await response.json()) as GraphQLAnswer<T>;
  if (!answer.data || answer.errors)
    throw new Error(`${query.slice(0, 60)}… answered ${response.status}: ${JSON.stringify(answer.errors ?? answer).slice(0, 300)}`);
  return answer.data;
}

/** `Bearer <access token>` for a demo user. */
export async function signIn(url: string, email: string): Promise<string> {
  const data = await graphql<{ login: { accessToken: string } }>(
    url,
    'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
    { e: email, p: DEMO_PASSWORD },
  );
  return `Bearer ${data.login.accessToken}`;
}

export const signInAdmin = (url: string) => signIn(url, DEMO_ADMIN_EMAIL);

/** Demo customers, in a fixed order: the first `buyers` place the orders, the rest only listen. */
export const customerEmails = demoUsers.filter((user) => user.role === 'CUSTOMER').map((user) => user.email);

// Products with plenty of stock, taken in turn so no one of them runs out.
const plentiful = demoStock.filter((row) => row.onHand >= 100).map((row) => row.productId);

/** Places `count` paid orders (one unit each), the buyers in parallel, each buyer's one after another. */
export async function placeOrders(url: string, buyers: string[], count: number): Promise<string[]> {
  const orders: string[] = [];
  let next = 0;
  await Promise.all(
    buyers.map(async (authorization, index) => {
      const address = await graphql<{ addAddress: { id: string } }>(
        url,
        'mutation ($i: AddressInput!) { addAddress(input: $i) { id } }',
        { i: { recipient: `Bench Buyer ${index}`, line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' } },
        authorization,
      );
      while (next < count) {
        const productId = plentiful[next++ % plentiful.length]!;
        await graphql(url, 'mutation ($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }', { p: productId }, authorization);
        const placed = await graphql<{ checkout: { __typename: string; order?: { id: string; status: string } } }>(
          url,
          'mutation ($a: ID!, $k: String!) { checkout(input: { addressId: $a, cardNumber: "4242 4242 4242 4242" }, idempotencyKey: $k) { __typename ... on OrderPlaced { order { id status } } } }',
          { a: address.addAddress.id, k: randomUUID() },
          authorization,
        );
        if (placed.checkout.order?.status !== 'PAID') throw new Error(`checkout answered ${JSON.stringify(placed.checkout)}`);
        orders.push(placed.checkout.order.id);
      }
    }),
  );
  return orders;
}

/** One status change: PAID → SHIPPED or SHIPPED → DELIVERED, as admin. */
export interface StatusChange {
  orderId: string;
  to: 'SHIPPED' | 'DELIVERED';
}

/** Each order shipped, then delivered: two status changes per order. */
export const statusChanges = (orderIds: string[]): StatusChange[] =>
  orderIds.flatMap((orderId) => [
    { orderId, to: 'SHIPPED' as const },
    { orderId, to: 'DELIVERED' as const },
  ]);

export async function changeStatus(url: string, admin: string, change: StatusChange): Promise<void> {
  const query =
    change.to === 'SHIPPED'
      ? 'mutation ($id: ID!) { markShipped(orderId: $id, carrier: "UPS", trackingNumber: "1Z999") { status } }'
      : 'mutation ($id: ID!) { markDelivered(orderId: $id) { status } }';
  await graphql(url, query, { id: change.orderId }, admin);
}

/** One more unit of a product on hand, as admin: one StockChanged event. */
export async function adjustStock(url: string, admin: string, productId: string): Promise<void> {
  await graphql(url, 'mutation ($p: ID!) { adjustStock(productId: $p, delta: 1, reason: "bench") { delta } }', { p: productId }, admin);
}

/** A new product, as admin (a fresh SKU each time); its id. */
export async function createProduct(url: string, admin: string, categoryId: string, name: string): Promise<string> {
  const data = await graphql<{ createProduct: { id: string } }>(
    url,
    'mutation ($i: CreateProductInput!) { createProduct(input: $i) { id } }',
    { i: { categoryId, name, description: '', price: 1_999, sku: `BENCH-${randomUUID().slice(0, 8).toUpperCase()}` } },
    admin,
  );
  return data.createProduct.id;
}

/** A customer's review of a product (pending until moderated); its id. */
export async function createReview(url: string, customer: string, productId: string): Promise<string> {
  const data = await graphql<{ createReview: { id: string } }>(
    url,
    'mutation ($i: CreateReviewInput!) { createReview(input: $i) { id } }',
    { i: { productId, rating: 4, title: 'Bench review', body: 'Published and withdrawn by the subscriptions benchmark.' } },
    customer,
  );
  return data.createReview.id;
}

/** Publishes or withdraws a review, as admin: one RatingChanged event. */
export async function moderateReview(url: string, admin: string, reviewId: string, status: 'APPROVED' | 'REJECTED'): Promise<void> {
  await graphql(url, 'mutation ($id: ID!, $s: ModerationDecision!) { moderateReview(id: $id, status: $s) { id } }', { id: reviewId, s: status }, admin);
}
