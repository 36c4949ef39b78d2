import { randomUUID } from 'node:crypto';
import { demoProducts, demoStock } from '@shopgraph/demo-data';
import { describeWithRedis, graphqlRequest, signIn, testRedisUrl } from '@shopgraph/testing';
import { startPlatformForTest, type TestPlatform } from '../support';

const code = (response: { errors?: { extensions?: Record<string, unknown> }[] }) => response.errors?.[0]?.extensions?.code;
const RESERVE = `mutation ($o: ID!, $items: [ReservationItemInput!]!, $ttl: Int) {
  reserveStock(orderId: $o, items: $items, ttlSeconds: $ttl) {
    __typename
    ... on Reservation { orderId status items { quantity product { sku } } }
    ... on OutOfStock { products { id sku } }
  }
}`;
const STOCK = 'query ($sku: String!) { product(sku: $sku) { stock { onHand reserved available } availability } }';
const inStock = demoStock.filter((row) => row.onHand >= 20).map((row) => demoProducts.find((product) => product.id === row.productId)!);

describeWithRedis('stock reservations through the gateway', () => {
  let platform: TestPlatform;
  let admin: Record<string, string>;
  let customer: Record<string, string>;
  const gql = (query: string, variables?: Record<string, unknown>, headers = admin) => graphqlRequest(platform.gatewayUrl, query, variables, headers);
  const stockOf = async (sku: string) => (await gql(STOCK, { sku })).data!.product;
  const reserve = (orderId: string, items: { productId: string; quantity: number }[], ttl?: number) => gql(RESERVE, { o: orderId, items, ttl });

  beforeAll(async () => {
    platform = await startPlatformForTest({ redisUrl: testRedisUrl() });
    admin = (await signIn(platform.gatewayUrl, 'admin@shopgraph.dev')).headers;
    customer = (await signIn(platform.gatewayUrl, 'customer@shopgraph.dev')).headers;
  });
  afterAll(() => platform?.stop());

  test('50 concurrent reservations for the last 10 units: exactly 10 succeed, stock never below zero', async () => {
    const product = inStock[0]!;
    const before = await stockOf(product.sku);
    const adjusted = await gql('mutation ($id: ID!, $d: Int!) { adjustStock(productId: $id, delta: $d, reason: "stock count") { delta } }', {
      id: product.id,
      d: 10 - before.stock.available,
    });
    expect(adjusted.errors).toBeUndefined();
    expect((await stockOf(product.sku)).stock.available).toBe(10);

    const results = await Promise.all(Array.from({ length: 50 }, () => reserve(randomUUID(), [{ productId: product.id, quantity: 1 }])));
    const kinds = results.map((result) => result.data?.reserveStock.__typename);
    expect(kinds.filter((kind) => kind === 'Reservation')).toHaveLength(10);
    expect(kinds.filter((kind) => kind === 'OutOfStock')).toHaveLength(40);
    expect(await stockOf(product.sku)).toEqual({ stock: { onHand: 10, reserved: 10, available: 0 }, availability: 'OUT_OF_STOCK' });
  });

  test('all or nothing across items; idempotent per order; other items for the same order are a CONFLICT', async () => {
    const [a, b] = [inStock[1]!, inStock[2]!];
    const [aBefore, bBefore] = [await stockOf(a.sku), await stockOf(b.sku)];
    const tooMuch = await reserve(randomUUID(), [
      { productId: a.id, quantity: 1 },
      { productId: b.id, quantity: bBefore.stock.available + 1 },
    ]);
    expect(tooMuch.data!.reserveStock).toEqual({ __typename: 'OutOfStock', products: [{ id: b.id, sku: b.sku }] });
    expect((await stockOf(a.sku)).stock).toEqual(aBefore.stock);

    const orderId = randomUUID();
    const items = [
      { productId: a.id, quantity: 2 },
      { productId: b.id, quantity: 1 },
    ];
    const first = await reserve(orderId, items);
    const again = await reserve(orderId, [...items].reverse());
    expect(again.data!.reserveStock).toEqual(first.data!.reserveStock);
    expect((await stockOf(a.sku)).stock.reserved).toBe(aBefore.stock.reserved + 2);
    expect(code(await reserve(orderId, [{ productId: a.id, quantity: 3 }]))).toBe('CONFLICT');
  });

  test('confirm takes the units once; release gives them back once', async () => {
    const product = inStock[3]!;
    const before = (await stockOf(product.sku)).stock;
    const orderId = randomUUID();
    await reserve(orderId, [{ productId: product.id, quantity: 3 }]);
    const confirm = 'mutation ($o: ID!) { confirmReservation(orderId: $o) { status } }';
    const release = 'mutation ($o: ID!) { releaseReservation(orderId: $o) { status } }';
    expect((await gql(confirm, { o: orderId })).data).toEqual({ confirmReservation: { status: 'CONFIRMED' } });
    expect((await gql(confirm, { o: orderId })).data).toEqual({ confirmReservation: { status: 'CONFIRMED' } });
    expect((await stockOf(product.sku)).stock).toEqual({ onHand: before.onHand - 3, reserved: before.reserved, available: before.available - 3 });
    expect((await gql(release, { o: orderId })).data).toEqual({ releaseReservation: { status: 'RELEASED' } });
    expect((await gql(release, { o: orderId })).data).toEqual({ releaseReservation: { status: 'RELEASED' } });
    expect((await stockOf(product.sku)).stock).toEqual(before);
    expect(code(await gql(confirm, { o: orderId }))).toBe('CONFLICT');
    expect(code(await gql(confirm, { o: randomUUID() }))).toBe('NOT_FOUND');
  });

  test('an unconfirmed reservation is released by itself when it expires', async () => {
    const product = inStock[4]!;
    const before = (await stockOf(product.sku)).stock;
    const orderId = randomUUID();
    expect((await reserve(orderId, [{ productId: product.id, quantity: 2 }], 1)).data!.reserveStock.status).toBe('HELD');
    expect((await stockOf(product.sku)).stock.reserved).toBe(before.reserved + 2);
    const deadline = Date.now() + 15_000;
    while ((await stockOf(product.sku)).stock.reserved !== before.reserved && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await stockOf(product.sku)).stock).toEqual(before);
    expect(code(await gql('mutation ($o: ID!) { confirmReservation(orderId: $o) { status } }', { o: orderId }))).toBe('CONFLICT');
  });

  test('customers cannot reserve or adjust; bad quantities and reasons change nothing', async () => {
    const product = inStock[5]!;
    const before = (await stockOf(product.sku)).stock;
    expect(code(await gql(RESERVE, { o: randomUUID(), items: [{ productId: product.id, quantity: 1 }] }, customer))).toBe('FORBIDDEN');
    for (const quantity of [0, -1, 10_000]) expect(code(await reserve(randomUUID(), [{ productId: product.id, quantity }]))).toBe('BAD_USER_INPUT');
    expect(code(await reserve(randomUUID(), []))).toBe('BAD_USER_INPUT');
    expect(code(await reserve('order-1', [{ productId: product.id, quantity: 1 }]))).toBe('BAD_USER_INPUT');
    const adjust = 'mutation ($id: ID!, $d: Int!, $r: String!) { adjustStock(productId: $id, delta: $d, reason: $r) { delta } }';
    expect(code(await gql(adjust, { id: product.id, d: 5, r: '' }))).toBe('BAD_USER_INPUT');
    expect(code(await gql(adjust, { id: product.id, d: -(before.onHand + 1), r: 'shrinkage' }))).toBe('CONFLICT');
    expect(code(await gql(adjust, { id: product.id, d: 5, r: 'delivery' }, customer))).toBe('FORBIDDEN');
    expect((await stockOf(product.sku)).stock).toEqual(before);
    // Inventory holds no stock for a product it has never heard of: out of stock, not an error.
    const unknownId = '00000000-0000-4000-8000-000000000000';
    const unknown = await gql(
      'mutation ($o: ID!, $items: [ReservationItemInput!]!) { reserveStock(orderId: $o, items: $items) { ... on OutOfStock { products { id } } } }',
      {
        o: randomUUID(),
        items: [{ productId: unknownId, quantity: 1 }],
      },
    );
    expect(unknown.data).toEqual({ reserveStock: { products: [{ id: unknownId }] } });
  });
});
