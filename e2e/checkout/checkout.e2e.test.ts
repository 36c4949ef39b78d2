import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD, demoProducts, demoStock } from '@shopgraph/demo-data';
import type { DomainEvent } from '@shopgraph/events';
import { describeWithRedis, eventually, graphqlRequest, testRedisUrl, type GraphQLResponse } from '@shopgraph/testing';
import { startPlatformForTest, type TestPlatform } from '../support';

const CARD = { SUCCEEDS: '4242 4242 4242 4242', DECLINED: '4000000000000002', FAILS_ONCE: '4000000000000119', TIMES_OUT: '4000000000000408' };
const code = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;
const CART = `{ cart { itemCount readyForCheckout subtotal { amount } lines { quantity productName problems unitPrice { amount } lineTotal { amount } product { id } } } }`;
const ADD = `mutation ($p: ID!, $q: Int!) { addToCart(productId: $p, quantity: $q) { itemCount subtotal { amount } lines { quantity problems product { id } } } }`;
const CHECKOUT = `mutation ($a: ID!, $c: String!, $k: String!) {
  checkout(input: { addressId: $a, cardNumber: $c }, idempotencyKey: $k) {
    __typename
    ... on OrderPlaced { order { id status total { amount } paid { amount } items { productName quantity unitPrice { amount } } } }
    ... on PaymentFailed { reason order { id status } }
    ... on CheckoutOutOfStock { products { id } }
    ... on PriceChanged { lines { product { id } previous { amount } current { amount } } }
  }
}`;
const ORDER = `query ($id: ID!) { order(id: $id) {
  id status paid { amount } refunded { amount } shipment { carrier trackingNumber }
  history { sequence from to actor reason }
  payments { operation outcome amount { amount } cardLast4 }
} }`;
const STOCK = 'query ($id: ID!) { _entities: product(id: $id) { stock { onHand reserved available } } }';
const ADDRESS = { recipient: 'Casey Customer', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' };
const inStock = demoStock.filter((row) => row.onHand >= 20).map((row) => demoProducts.find((product) => product.id === row.productId)!);

interface Shopper {
  headers: Record<string, string>;
  addressId: string;
}

describeWithRedis('cart, checkout, payment and the order lifecycle through the gateway', () => {
  let platform: TestPlatform;
  let admin: Record<string, string>;
  let customer: Shopper;
  let other: Shopper;
  const gql = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = admin) =>
    graphqlRequest(platform.gatewayUrl, query, variables, headers);
  const stockOf = async (productId: string) =>
    (await gql(STOCK, { id: productId })).data!._entities.stock as { onHand: number; reserved: number; available: number };
  const orderOf = async (id: string) => (await gql(ORDER, { id })).data!.order;
  const add = (shopper: Shopper, productId: string, quantity = 1) => gql(ADD, { p: productId, q: quantity }, shopper.headers);
  const buy = (shopper: Shopper, card = CARD.SUCCEEDS, key: string = randomUUID(), addressId = shopper.addressId) =>
    gql(CHECKOUT, { a: addressId, c: card, k: key }, shopper.headers);
  const setStock = async (productId: string, units: number) => {
    const before = await stockOf(productId);
    const delta = units - before.available;
    if (delta !== 0)
      expect(
        (await gql('mutation ($id: ID!, $d: Int!) { adjustStock(productId: $id, delta: $d, reason: "stock count") { delta } }', { id: productId, d: delta }))
          .errors,
      ).toBeUndefined();
  };
  const withAddress = async (headers: Record<string, string>): Promise<Shopper> => {
    const added = await gql('mutation ($i: AddressInput!) { addAddress(input: $i) { id } }', { i: ADDRESS }, headers);
    expect(added.errors).toBeUndefined();
    return { headers, addressId: added.data!.addAddress.id };
  };
  const signIn = async (email: string) => {
    const login = await graphqlRequest(platform.gatewayUrl, 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', {
      e: email,
      p: DEMO_PASSWORD,
    });
    return { authorization: `Bearer ${login.data!.login.accessToken}` };
  };
  const register = async (email: string) => {
    const registered = await graphqlRequest(platform.gatewayUrl, 'mutation ($i: RegisterInput!) { register(input: $i) { accessToken } }', {
      i: { email, password: 'a-long-enough-password', name: 'Load Shopper' },
    });
    expect(registered.errors).toBeUndefined();
    return withAddress({ authorization: `Bearer ${registered.data!.register.accessToken}` });
  };
  const mailOf = async (shopper: Shopper) =>
    (await gql('{ devMailbox(first: 50) { kind subject order { id } } }', {}, shopper.headers)).data!.devMailbox as {
      kind: string;
      order: { id: string } | null;
    }[];
  const waitForMail = async (shopper: Shopper, orderId: string, kinds: string[]) => {
    const deadline = Date.now() + 15_000;
    let mail: string[] = [];
    while (Date.now() < deadline) {
      mail = (await mailOf(shopper))
        .filter((email) => email.order?.id === orderId)
        .map((email) => email.kind)
        .sort();
      if (mail.length >= kinds.length) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(mail).toEqual([...kinds].sort());
  };

  beforeAll(async () => {
    platform = await startPlatformForTest({ redisUrl: testRedisUrl() });
    admin = await signIn('admin@shopgraph.dev');
    customer = await withAddress(await signIn('customer@shopgraph.dev'));
    other = await register(`other-${randomUUID()}@example.com`);
  });
  afterAll(() => platform?.stop());
  beforeEach(async () => {
    await gql('mutation { clearCart { itemCount } }', {}, customer.headers);
  });

  test('cart to DELIVERED: priced from the catalog, paid, stock taken, shipped, delivered, every step in the history and the mailbox', async () => {
    const [a, b] = [inStock[0]!, inStock[1]!];
    const [aBefore, bBefore] = [await stockOf(a.id), await stockOf(b.id)];
    await add(customer, a.id, 2);
    const cart = await add(customer, b.id, 1);
    expect(cart.data!.addToCart).toMatchObject({ itemCount: 3, subtotal: { amount: a.priceCents * 2 + b.priceCents } });
    expect((await gql(CART, {}, customer.headers)).data!.cart).toMatchObject({
      readyForCheckout: true,
      lines: [
        { quantity: 2, problems: [] },
        { quantity: 1, problems: [] },
      ],
    });

    const placed = await buy(customer);
    expect(placed.errors).toBeUndefined();
    const order = placed.data!.checkout;
    expect(order).toMatchObject({
      __typename: 'OrderPlaced',
      order: { status: 'PAID', total: { amount: a.priceCents * 2 + b.priceCents }, paid: { amount: a.priceCents * 2 + b.priceCents } },
    });
    expect(order.order.items).toEqual([
      { productName: a.name, quantity: 2, unitPrice: { amount: a.priceCents } },
      { productName: b.name, quantity: 1, unitPrice: { amount: b.priceCents } },
    ]);
    expect((await gql(CART, {}, customer.headers)).data!.cart.itemCount).toBe(0);
    expect(await stockOf(a.id)).toEqual({ onHand: aBefore.onHand - 2, reserved: aBefore.reserved, available: aBefore.available - 2 });
    expect((await stockOf(b.id)).onHand).toBe(bBefore.onHand - 1);

    const id = order.order.id as string;
    const shipped = await gql(
      'mutation ($id: ID!) { markShipped(orderId: $id, carrier: "UPS", trackingNumber: "1Z999AA1") { status shipment { carrier trackingNumber } } }',
      { id },
    );
    expect(shipped.data!.markShipped).toEqual({ status: 'SHIPPED', shipment: { carrier: 'UPS', trackingNumber: '1Z999AA1' } });
    expect((await gql('mutation ($id: ID!) { markDelivered(orderId: $id) { status } }', { id })).data!.markDelivered.status).toBe('DELIVERED');
    const final = await orderOf(id);
    expect(final.history.map((change: { from: string | null; to: string }) => [change.from, change.to])).toEqual([
      [null, 'PENDING'],
      ['PENDING', 'PAID'],
      ['PAID', 'SHIPPED'],
      ['SHIPPED', 'DELIVERED'],
    ]);
    expect(final.history.map((change: { sequence: number }) => change.sequence)).toEqual([0, 1, 2, 3]);
    expect(final.payments.map((payment: { operation: string; outcome: string }) => `${payment.operation}:${payment.outcome}`)).toEqual([
      'AUTHORIZE:SUCCEEDED',
      'CAPTURE:SUCCEEDED',
    ]);
    expect(final.payments[0].cardLast4).toBe('4242');
    await waitForMail(customer, id, ['ORDER_CONFIRMED', 'ORDER_SHIPPED', 'ORDER_DELIVERED']);

    const history = await gql(
      'query ($s: [OrderStatus!]) { orders(first: 5, status: $s) { edges { node { id status } } } }',
      { s: ['DELIVERED'] },
      customer.headers,
    );
    expect(history.data!.orders.edges[0].node).toEqual({ id, status: 'DELIVERED' });
    expect(history.data!.orders.edges.every((edge: { node: { status: string } }) => edge.node.status === 'DELIVERED')).toBe(true);

    // Illegal transitions answer CONFLICT and change nothing.
    expect(code(await gql('mutation ($id: ID!) { markShipped(orderId: $id, carrier: "UPS", trackingNumber: "1Z999AA2") { status } }', { id }))).toBe(
      'CONFLICT',
    );
    expect(code(await gql('mutation ($id: ID!) { cancelOrder(orderId: $id) { status } }', { id }, customer.headers))).toBe('CONFLICT');
    expect((await orderOf(id)).status).toBe('DELIVERED');
  });

  test('a declined card ends PAYMENT_FAILED with the stock back and the cart kept', async () => {
    const product = inStock[2]!;
    const before = await stockOf(product.id);
    await add(customer, product.id, 3);
    const failed = await buy(customer, CARD.DECLINED);
    expect(failed.data!.checkout).toMatchObject({ __typename: 'PaymentFailed', order: { status: 'PAYMENT_FAILED' } });
    expect(failed.data!.checkout.reason).toMatch(/declined/);
    expect(await stockOf(product.id)).toEqual(before);
    expect((await gql(CART, {}, customer.headers)).data!.cart.itemCount).toBe(3);
    const order = await orderOf(failed.data!.checkout.order.id);
    expect(order.payments.map((payment: { operation: string; outcome: string }) => `${payment.operation}:${payment.outcome}`)).toEqual(['AUTHORIZE:DECLINED']);
    await waitForMail(customer, order.id, ['PAYMENT_FAILED']);
  });

  test('a card that fails once is retried with the same provider key and paid once', async () => {
    await add(customer, inStock[3]!.id);
    const placed = await buy(customer, CARD.FAILS_ONCE);
    expect(placed.data!.checkout.order.status).toBe('PAID');
    const order = await orderOf(placed.data!.checkout.order.id);
    expect(order.payments.map((payment: { operation: string; outcome: string }) => `${payment.operation}:${payment.outcome}`)).toEqual([
      'AUTHORIZE:FAILED',
      'AUTHORIZE:SUCCEEDED',
      'CAPTURE:SUCCEEDED',
    ]);
  });

  test('a provider that never answers in time: three timed-out attempts, PAYMENT_FAILED, stock back, nothing charged', async () => {
    const product = inStock[5]!;
    const before = await stockOf(product.id);
    await add(customer, product.id, 2);
    const failed = await buy(customer, CARD.TIMES_OUT);
    expect(failed.data!.checkout).toMatchObject({ __typename: 'PaymentFailed', order: { status: 'PAYMENT_FAILED' } });
    expect(await stockOf(product.id)).toEqual(before);
    const order = await orderOf(failed.data!.checkout.order.id);
    expect(order.paid.amount).toBe(0);
    expect(order.payments.map((payment: { operation: string; outcome: string }) => `${payment.operation}:${payment.outcome}`)).toEqual([
      'AUTHORIZE:TIMED_OUT',
      'AUTHORIZE:TIMED_OUT',
      'AUTHORIZE:TIMED_OUT',
    ]);
    await gql('mutation { clearCart { itemCount } }', {}, customer.headers);
  });

  test('100 concurrent checkouts for 20 units: exactly 20 orders, 80 out of stock, stock at zero', async () => {
    const product = inStock[4]!;
    const shoppers: Shopper[] = [];
    for (let batch = 0; batch < 10; batch += 1) {
      shoppers.push(...(await Promise.all(Array.from({ length: 10 }, () => register(`load-${randomUUID()}@example.com`)))));
    }
    await Promise.all(shoppers.map(async (shopper) => expect((await add(shopper, product.id)).errors).toBeUndefined()));
    await setStock(product.id, 20);
    const before = await stockOf(product.id);

    const results = await Promise.all(shoppers.map((shopper) => buy(shopper)));
    const kinds = results.map((result) => result.data?.checkout.__typename ?? code(result));
    expect(kinds.filter((kind) => kind === 'OrderPlaced')).toHaveLength(20);
    expect(kinds.filter((kind) => kind === 'CheckoutOutOfStock')).toHaveLength(80);
    expect(
      results.filter((result) => result.data?.checkout.__typename === 'OrderPlaced').every((result) => result.data!.checkout.order.status === 'PAID'),
    ).toBe(true);
    expect(await stockOf(product.id)).toEqual({ onHand: before.onHand - 20, reserved: 0, available: 0 });
  });

  test('a checkout retried with the same key gives one order and one charge; other input with that key is a CONFLICT', async () => {
    await add(customer, inStock[5]!.id, 2);
    const key = randomUUID();
    const first = await buy(customer, CARD.SUCCEEDS, key);
    const retries = await Promise.all([buy(customer, CARD.SUCCEEDS, key), buy(customer, CARD.SUCCEEDS, key), buy(customer, CARD.SUCCEEDS, key)]);
    const id = first.data!.checkout.order.id;
    for (const retry of retries) expect(retry.data!.checkout).toMatchObject({ __typename: 'OrderPlaced', order: { id, status: 'PAID' } });
    const order = await orderOf(id);
    expect(order.payments.filter((payment: { operation: string }) => payment.operation === 'CAPTURE')).toHaveLength(1);
    expect(code(await buy(customer, CARD.FAILS_ONCE, key))).toBe('CONFLICT');
    const mine = await gql('{ orders(first: 100) { edges { node { id } } } }', {}, customer.headers);
    expect(mine.data!.orders.edges.filter((edge: { node: { id: string } }) => edge.node.id === id)).toHaveLength(1);
  });

  test('two racing checkouts with one key: one order, one capture', async () => {
    await add(customer, inStock[6]!.id);
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 5 }, () => buy(customer, CARD.SUCCEEDS, key)));
    const ids = new Set(results.map((result) => result.data!.checkout.order.id));
    expect(ids.size).toBe(1);
    const [id] = [...ids];
    const deadline = Date.now() + 10_000;
    while ((await orderOf(id!)).status === 'PENDING' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const order = await orderOf(id!);
    expect(order.status).toBe('PAID');
    expect(order.payments.filter((payment: { operation: string }) => payment.operation === 'CAPTURE')).toHaveLength(1);
  });

  test('a price changed since the line was added is a typed result once; checking out again buys at the new price', async () => {
    const product = inStock[7]!;
    await add(customer, product.id);
    const newPrice = product.priceCents + 100;
    expect(
      (await gql('mutation ($id: ID!, $p: Int!) { updateProduct(id: $id, input: { price: $p }) { id } }', { id: product.id, p: newPrice })).errors,
    ).toBeUndefined();
    expect((await gql(CART, {}, customer.headers)).data!.cart.lines[0].problems).toEqual(['PRICE_CHANGED']);
    const key = randomUUID();
    const changed = await buy(customer, CARD.SUCCEEDS, key);
    expect(changed.data!.checkout).toEqual({
      __typename: 'PriceChanged',
      lines: [{ product: { id: product.id }, previous: { amount: product.priceCents }, current: { amount: newPrice } }],
    });
    const placed = await buy(customer, CARD.SUCCEEDS, key);
    expect(placed.data!.checkout).toMatchObject({ __typename: 'OrderPlaced', order: { status: 'PAID', total: { amount: newPrice } } });
  });

  test('cancel before shipping refunds and gives the stock back; a cancelled order cannot ship; partial refunds never exceed what was paid', async () => {
    const product = inStock[8]!;
    const before = await stockOf(product.id);
    await add(customer, product.id, 2);
    const id = (await buy(customer)).data!.checkout.order.id;
    const cancelled = await gql(
      'mutation ($id: ID!) { cancelOrder(orderId: $id, reason: "changed my mind") { status paid { amount } refunded { amount } } }',
      { id },
      customer.headers,
    );
    expect(cancelled.data!.cancelOrder).toEqual({
      status: 'CANCELLED',
      paid: { amount: product.priceCents * 2 },
      refunded: { amount: product.priceCents * 2 },
    });
    expect(await stockOf(product.id)).toEqual(before);
    expect(code(await gql('mutation ($id: ID!) { markShipped(orderId: $id, carrier: "UPS", trackingNumber: "1Z999AA3") { status } }', { id }))).toBe(
      'CONFLICT',
    );
    expect(code(await gql('mutation ($id: ID!) { cancelOrder(orderId: $id) { status } }', { id }, other.headers))).toBe('FORBIDDEN');

    await add(customer, product.id, 1);
    const paid = (await buy(customer)).data!.checkout.order.id;
    const refund = 'mutation ($id: ID!, $a: Int) { refundOrder(orderId: $id, amount: $a, reason: "damaged box") { status refunded { amount } } }';
    expect(code(await gql(refund, { id: paid, a: product.priceCents + 1 }))).toBe('BAD_USER_INPUT');
    expect((await orderOf(paid)).payments.filter((payment: { operation: string }) => payment.operation === 'REFUND')).toHaveLength(0);
    expect((await gql(refund, { id: paid, a: 100 })).data!.refundOrder).toEqual({ status: 'PAID', refunded: { amount: 100 } });
    expect(code(await gql(refund, { id: paid, a: product.priceCents }))).toBe('BAD_USER_INPUT');
    expect((await gql(refund, { id: paid, a: null })).data!.refundOrder).toEqual({ status: 'REFUNDED', refunded: { amount: product.priceCents } });
    expect(code(await gql(refund, { id: paid, a: 1 }))).toBe('CONFLICT');
    expect(code(await gql(refund, { id: paid, a: 1 }, customer.headers))).toBe('FORBIDDEN');

    // Every refund that went through is on the bus, partial ones too (they change no status); the refused ones are not.
    const refunds = (orderId: string) =>
      eventually(`the refunds of ${orderId} on the bus`, async () => {
        const events = (await platform.shared.events.history('OrderRefunded', '0-0', 1_000)).map(({ event }) => event.payload);
        const mine = events.filter((payload) => payload.orderId === orderId);
        return mine.length === (orderId === id ? 1 : 2) ? mine : undefined;
      });
    const total = product.priceCents;
    expect(await refunds(id)).toEqual([expect.objectContaining({ amountCents: 2 * total, refundedTotalCents: 2 * total, reason: 'changed my mind' })]);
    expect(await refunds(paid)).toEqual([
      expect.objectContaining({ amountCents: 100, refundedTotalCents: 100, currency: 'USD', reason: 'damaged box' }),
      expect.objectContaining({ amountCents: total - 100, refundedTotalCents: total }),
    ]);
  });

  test('bad input answers a clear code and writes nothing', async () => {
    const countOrders = async () => (await gql('{ orders(first: 100) { edges { node { id } } } }', {}, customer.headers)).data!.orders.edges.length;
    const ordersBefore = await countOrders();
    expect(code(await buy(customer))).toBe('BAD_USER_INPUT'); // empty cart
    const product = inStock[9]!;
    for (const quantity of [0, -1, 10_000]) expect(code(await add(customer, product.id, quantity))).toBe('BAD_USER_INPUT');
    expect((await gql(CART, {}, customer.headers)).data!.cart.itemCount).toBe(0);
    expect(code(await add(customer, '00000000-0000-4000-8000-000000000000'))).toBe('BAD_USER_INPUT');
    await add(customer, product.id, 1);
    expect(code(await buy(customer, CARD.SUCCEEDS, 'not-a-uuid'))).toBe('BAD_USER_INPUT');
    expect(code(await buy(customer, '4242424242424241'))).toBe('BAD_USER_INPUT');
    expect(code(await buy(customer, CARD.SUCCEEDS, randomUUID(), other.addressId))).toBe('BAD_USER_INPUT');
    expect(
      code(
        await gql(
          'mutation { checkout(input: { addressId: "x", cardNumber: "4242424242424242" }, idempotencyKey: "00000000-0000-4000-8000-000000000001") { __typename } }',
          {},
          customer.headers,
        ),
      ),
    ).toBe('BAD_USER_INPUT');

    const archived = inStock[10]!;
    await add(customer, archived.id);
    expect((await gql('mutation ($id: ID!) { archiveProduct(id: $id) { id } }', { id: archived.id })).errors).toBeUndefined();
    expect(code(await add(customer, archived.id))).toBe('BAD_USER_INPUT');
    const lines = (await gql(CART, {}, customer.headers)).data!.cart.lines;
    expect(lines.find((line: { product: { id: string } }) => line.product.id === archived.id).problems).toContain('ARCHIVED');
    expect(code(await buy(customer))).toBe('BAD_USER_INPUT');
    expect(await countOrders()).toBe(ordersBefore);
    expect(code(await graphqlRequest(platform.gatewayUrl, CART))).toBe('UNAUTHENTICATED');
    // Inventory's reservations stay out of customers' reach through the gateway.
    expect(code(await gql('mutation ($o: ID!) { releaseReservation(orderId: $o) { status } }', { o: randomUUID() }, customer.headers))).toBe('FORBIDDEN');
  });

  test('a redelivered OrderStatusChanged mails nobody twice', async () => {
    const seen: DomainEvent[] = [];
    const stop = await platform.shared.events.subscribe({
      topics: ['OrderStatusChanged'],
      group: `test-${randomUUID()}`,
      handle: async (event) => void seen.push(event),
    });
    try {
      await add(customer, inStock[11]!.id);
      const id = (await buy(customer)).data!.checkout.order.id;
      await waitForMail(customer, id, ['ORDER_CONFIRMED']);
      const paid = seen.find((event) => event.payload.orderId === id && event.payload.to === 'PAID');
      expect(paid?.payload).toMatchObject({ orderId: id, from: 'PENDING', to: 'PAID', sequence: 1 });
      await platform.shared.events.publish([paid!, paid!]);
      // A later event for the same order passes through the same consumer: once it is mailed, the duplicates were handled.
      await gql('mutation ($id: ID!) { markShipped(orderId: $id, carrier: "DHL", trackingNumber: "JD0146") { status } }', { id });
      await waitForMail(customer, id, ['ORDER_CONFIRMED', 'ORDER_SHIPPED']);
    } finally {
      await stop();
    }
  });
});
