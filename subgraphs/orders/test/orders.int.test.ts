import { demoOrders, demoUsers, newestDemoOrdersOf } from '@shopgraph/demo-data';
import { startServiceForTest, type TestService } from '@shopgraph/testing';
import { startService } from '../src';

let orders: TestService;
beforeAll(async () => {
  orders = await startServiceForTest('orders', startService);
});
afterAll(() => orders?.stop());

const USER_ORDERS = `query ($r: [_Any!]!) {
  _entities(representations: $r) { ... on User { id orders { id total { amount } items { quantity product { id } } } } }
}`;
const customers = demoUsers.filter((user) => user.role === 'CUSTOMER');
const asAdmin = { id: demoUsers.find((user) => user.role === 'ADMIN')!.id, roles: ['ADMIN' as const] };
const asCustomerOf = (order: { userId: string }) => ({ id: order.userId, roles: ['CUSTOMER' as const] });

test("a seeded order's total is the sum of its items, a snapshot of name and price", async () => {
  const order = demoOrders.find((candidate) => candidate.items.length > 1)!;
  const { data, errors } = await orders.request(
    'query ($id: ID!) { order(id: $id) { status user { id } total { amount currency } items { productName quantity unitPrice { amount } lineTotal { amount } product { id } } } }',
    { id: order.id },
    asCustomerOf(order),
  );
  expect(errors).toBeUndefined();
  expect(data!.order.total).toEqual({ amount: order.items.reduce((sum, item) => sum + item.unitPriceCents * item.quantity, 0), currency: 'USD' });
  expect(data!.order.user).toEqual({ id: order.userId });
  expect(data!.order.items).toEqual(
    order.items.map((item) => ({
      productName: item.productName,
      quantity: item.quantity,
      unitPrice: { amount: item.unitPriceCents },
      lineTotal: { amount: item.unitPriceCents * item.quantity },
      product: { id: item.productId },
    })),
  );
});

test('orders of every customer cost the same few statements as of three', async () => {
  const cost = async (users: typeof customers) => {
    const before = orders.statements!.count;
    const { data, errors } = await orders.request(USER_ORDERS, { r: users.map((user) => ({ __typename: 'User', id: user.id })) }, asAdmin);
    expect(errors).toBeUndefined();
    for (const user of data!._entities) {
      // Each customer has a year of orders; User.orders lists the ten newest.
      expect(user.orders.map((order: { id: string }) => order.id)).toEqual(newestDemoOrdersOf(user.id, 10).map((order) => order.id));
    }
    return orders.statements!.count - before;
  };
  const three = await cost(customers.slice(0, 3));
  const all = await cost(customers);
  expect(all).toBe(three);
  expect(all).toBe(2);
});

test('bad input: page size over 100 and malformed ids are BAD_USER_INPUT, unknown ids null', async () => {
  const tooMany = await orders.request(
    'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { orders(first: 101) { id } } } }',
    {
      r: [{ __typename: 'User', id: customers[0]!.id }],
    },
    asAdmin,
  );
  expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  const malformed = await orders.request('{ order(id: "12") { id } }', {}, asAdmin);
  expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  const unknown = await orders.request('{ order(id: "00000000-0000-4000-8000-000000000000") { id } }', {}, asAdmin);
  expect(unknown.data).toEqual({ order: null });
});

test("a customer gets FORBIDDEN for someone else's order and order list, and null through _entities", async () => {
  const order = demoOrders[0]!;
  const stranger = { id: customers.find((user) => user.id !== order.userId)!.id, roles: ['CUSTOMER' as const] };
  const direct = await orders.request('query ($id: ID!) { order(id: $id) { id } }', { id: order.id }, stranger);
  expect(direct.data).toEqual({ order: null });
  expect(direct.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const list = await orders.request(USER_ORDERS, { r: [{ __typename: 'User', id: order.userId }] }, stranger);
  expect(list.data!._entities).toEqual([{ id: order.userId, orders: null }]);
  expect(list.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const entity = await orders.request(
    'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id } } }',
    { r: [{ __typename: 'Order', id: order.id }] },
    stranger,
  );
  expect(entity.data!._entities).toEqual([null]);
  const anonymous = await orders.request('query ($id: ID!) { order(id: $id) { id } }', { id: order.id });
  expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
});
