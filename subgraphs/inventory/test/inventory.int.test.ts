import postgres from 'postgres';
import { demoStock } from '@shopgraph/demo-data';
import { startServiceForTest, type TestService } from '@shopgraph/testing';
import { startService } from '../src';

let inventory: TestService;
beforeAll(async () => {
  inventory = await startServiceForTest('inventory', startService);
});
afterAll(() => inventory?.stop());

const ENTITIES = `query ($r: [_Any!]!) {
  _entities(representations: $r) { ... on Product { id stock { onHand reserved available lowStockThreshold } availability } }
}`;

test('fifty products resolve their seeded stock in one SQL statement', async () => {
  const rows = demoStock.slice(0, 50);
  const before = inventory.statements!.count;
  const { data, errors } = await inventory.request(ENTITIES, { r: rows.map((row) => ({ __typename: 'Product', id: row.productId })) });
  expect(errors).toBeUndefined();
  expect(inventory.statements!.count - before).toBe(1);
  expect(data!._entities.map((product: { stock: { onHand: number } }) => product.stock.onHand)).toEqual(rows.map((row) => row.onHand));
  expect(new Set(data!._entities.map((product: { availability: string }) => product.availability))).toEqual(new Set(['IN_STOCK', 'LOW_STOCK', 'OUT_OF_STOCK']));
});

test('a product with no stock row is OUT_OF_STOCK, a malformed id resolves to null', async () => {
  const { data } = await inventory.request(ENTITIES, {
    r: [
      { __typename: 'Product', id: '00000000-0000-4000-8000-000000000000' },
      { __typename: 'Product', id: 'not-a-uuid' },
    ],
  });
  expect(data!._entities).toEqual([
    { id: '00000000-0000-4000-8000-000000000000', stock: { onHand: 0, reserved: 0, available: 0, lowStockThreshold: 5 }, availability: 'OUT_OF_STOCK' },
    null,
  ]);
});

test('lowStockProducts lists the fewest-available first, within the page size', async () => {
  const low = demoStock.filter((row) => row.onHand <= row.lowStockThreshold);
  const { data, errors } = await inventory.request('{ lowStockProducts(first: 100) { id stock { available } availability } }');
  expect(errors).toBeUndefined();
  expect(data!.lowStockProducts).toHaveLength(low.length);
  const available = data!.lowStockProducts.map((product: { stock: { available: number } }) => product.stock.available);
  expect(available).toEqual([...available].sort((a, b) => a - b));
  const tooMany = await inventory.request('{ lowStockProducts(first: 500) { id } }');
  expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});

test('the database refuses negative stock and over-reservation', async () => {
  const sql = postgres(inventory.databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const productId = demoStock[0]!.productId;
    await expect(sql`update stock set on_hand = -1 where product_id = ${productId}`).rejects.toMatchObject({ code: '23514' });
    await expect(sql`update stock set reserved = on_hand + 1 where product_id = ${productId}`).rejects.toMatchObject({ code: '23514' });
  } finally {
    await sql.end();
  }
});
