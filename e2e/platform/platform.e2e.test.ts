import { DEMO_PASSWORD, demoOrders, demoProducts, demoReviews, demoStock, demoUsers, newestDemoOrdersOf } from '@shopgraph/demo-data';
import {
  LowStockDocument,
  OrderDetailsDocument,
  ProductPageDocument,
  ReviewDetailsDocument,
  StorefrontProductsDocument,
  UserWithHistoryDocument,
} from '@shopgraph/operations';
import { describeWithRedis, execute, graphqlRequest, testRedisUrl } from '@shopgraph/testing';
import { startPlatformForTest, type TestPlatform } from '../support';

const userName = new Map(demoUsers.map((user) => [user.id, user.name]));
const approved = demoReviews.filter((review) => review.status === 'APPROVED');

describeWithRedis('the whole platform through the gateway, on real Postgres and Redis', () => {
  let platform: TestPlatform;
  // Orders are their customer's: the history queries run signed in as the demo customer.
  let asCustomer: Record<string, string>;

  beforeAll(async () => {
    platform = await startPlatformForTest({ redisUrl: testRedisUrl() });
    const session = await graphqlRequest(platform.gatewayUrl, 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', {
      e: 'customer@shopgraph.dev',
      p: DEMO_PASSWORD,
    });
    asCustomer = { authorization: `Bearer ${session.data!.login.accessToken}` };
  });
  afterAll(async () => {
    await platform?.stop();
  });

  test('the storefront grid crosses products, inventory, reviews and users with seeded data', async () => {
    const { data, errors } = await execute(platform.gatewayUrl, StorefrontProductsDocument, { first: 50 });
    expect(errors).toBeUndefined();
    expect(data!.products.totalCount).toBe(demoProducts.length);
    const nodes = data!.products.edges.map((edge) => edge.node);
    expect(nodes).toHaveLength(50);
    let reviewsSeen = 0;
    for (const node of nodes) {
      const stock = demoStock.find((row) => row.productId === node.id)!;
      expect(node.stock.available).toBe(stock.onHand);
      expect(node.availability).toBe(stock.onHand === 0 ? 'OUT_OF_STOCK' : stock.onHand <= stock.lowStockThreshold ? 'LOW_STOCK' : 'IN_STOCK');
      const ratings = approved.filter((review) => review.productId === node.id).map((review) => review.rating);
      expect(node.rating.count).toBe(ratings.length);
      if (ratings.length) expect(node.rating.average).toBeCloseTo(ratings.reduce((a, b) => a + b, 0) / ratings.length, 2);
      else expect(node.rating.average).toBeNull();
      const newestThree = approved
        .filter((review) => review.productId === node.id)
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id))
        .slice(0, 3);
      expect(node.reviews.edges.map((edge) => edge.node.author.name)).toEqual(newestThree.map((review) => userName.get(review.authorId)));
      reviewsSeen += node.reviews.edges.length;
    }
    expect(reviewsSeen).toBeGreaterThan(10);
  });

  test('a product page by slug shows its breadcrumb, stock, histogram and reviews', async () => {
    const product = demoProducts.find((candidate) => approved.some((review) => review.productId === candidate.id))!;
    const { data, errors } = await execute(platform.gatewayUrl, ProductPageDocument, { slug: product.slug });
    expect(errors).toBeUndefined();
    expect(data!.product).toMatchObject({ id: product.id, sku: product.sku, price: { amount: product.priceCents, currency: 'USD' } });
    expect(data!.product!.category.path.length).toBe(2);
    const histogram = data!.product!.rating.histogram;
    expect(histogram.map((bucket) => bucket.stars)).toEqual([1, 2, 3, 4, 5]);
    expect(histogram.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(data!.product!.rating.count);
    expect(data!.product!.reviews.totalCount).toBe(approved.filter((review) => review.productId === product.id).length);
  });

  test('a query starting in users reaches orders, products, inventory and reviews', async () => {
    const customer = demoUsers.find((user) => user.email === 'customer@shopgraph.dev')!;
    const { data, errors } = await execute(platform.gatewayUrl, UserWithHistoryDocument, { id: customer.id }, asCustomer);
    expect(errors).toBeUndefined();
    // A year of orders: the operation asks for the five newest.
    expect(data!.user!.name).toBe(customer.name);
    expect(data!.user!.orders!.map((order) => order.id)).toEqual(newestDemoOrdersOf(customer.id, 5).map((order) => order.id));
    const names = new Set(demoProducts.map((product) => product.name));
    for (const order of data!.user!.orders!) for (const item of order.items) expect(names.has(item.product.name)).toBe(true);
    // Signed in as this customer: their own pending reviews are listed too (others see approved ones only).
    expect(data!.user!.reviews.totalCount).toBe(demoReviews.filter((review) => review.authorId === customer.id).length);
  });

  test('queries starting in orders, reviews and inventory reach the other subgraphs', async () => {
    const order = demoOrders.find((candidate) => demoUsers.find((user) => user.id === candidate.userId)?.email === 'customer@shopgraph.dev')!;
    const orderResult = await execute(platform.gatewayUrl, OrderDetailsDocument, { id: order.id }, asCustomer);
    expect(orderResult.errors).toBeUndefined();
    expect(orderResult.data!.order!.user.name).toBe(userName.get(order.userId));
    expect(orderResult.data!.order!.total.amount).toBe(order.items.reduce((sum, item) => sum + item.unitPriceCents * item.quantity, 0));
    expect(orderResult.data!.order!.items.map((item) => item.product.sku)).toEqual(
      order.items.map((item) => demoProducts.find((product) => product.id === item.productId)!.sku),
    );

    const review = approved[0]!;
    const reviewResult = await execute(platform.gatewayUrl, ReviewDetailsDocument, { id: review.id });
    expect(reviewResult.errors).toBeUndefined();
    expect(reviewResult.data!.review).toMatchObject({
      rating: review.rating,
      author: { name: userName.get(review.authorId) },
      product: { name: demoProducts.find((product) => product.id === review.productId)!.name },
    });

    const lowStock = await execute(platform.gatewayUrl, LowStockDocument, { first: 100 });
    expect(lowStock.errors).toBeUndefined();
    const expectedLow = demoStock.filter((row) => row.onHand <= row.lowStockThreshold).length;
    expect(lowStock.data!.lowStockProducts).toHaveLength(expectedLow);
    expect(lowStock.data!.lowStockProducts[0]).toMatchObject({ availability: 'OUT_OF_STOCK', stock: { available: 0 } });
    expect(lowStock.data!.lowStockProducts.every((product) => product.name.length > 0)).toBe(true);
  });

  test('bad input through the gateway: malformed ids are BAD_USER_INPUT, unknown ones null', async () => {
    const malformed = await graphqlRequest(platform.gatewayUrl, '{ order(id: "1 OR 1=1") { id } }', undefined, asCustomer);
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(malformed.data).toEqual({ order: null });
    const unknown = await graphqlRequest(platform.gatewayUrl, '{ user(id: "00000000-0000-4000-8000-000000000000") { name } }');
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data).toEqual({ user: null });
    const tooMany = await execute(platform.gatewayUrl, StorefrontProductsDocument, { first: 1000 });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(tooMany.errors?.[0]?.message).toMatch(/100/);
  });
});
