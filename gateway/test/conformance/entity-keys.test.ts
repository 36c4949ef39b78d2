import { useFederation } from './support/federation';
import type { SubgraphDefinition } from './support/in-memory-subgraph';
import { CONFORMANCE_VARIANTS } from './support/variants';

const PRODUCTS = [
  { upc: 'u1', sku: 's1', name: 'Lamp' },
  { upc: 'u2', sku: 's2', name: 'Desk' },
];
/** Representations each entity subgraph was asked to resolve, in order. */
const representations: Record<string, unknown[]> = { shipping: [], stock: [] };

const catalog: SubgraphDefinition = {
  name: 'catalog',
  imports: ['@key'],
  typeDefs: `
    type Query { product(upc: String!): Product }
    type Product @key(fields: "upc") @key(fields: "sku") { upc: String! sku: String! name: String! warehouse: Warehouse! }
    type Warehouse @key(fields: "id region", resolvable: false) { id: ID! region: String! }
  `,
  resolvers: {
    Query: { product: (_: unknown, { upc }: { upc: string }) => PRODUCTS.find((product) => product.upc === upc) ?? null },
    Product: { warehouse: () => ({ id: 'w1', region: 'eu' }) },
  },
};

// Knows products by sku only: the gateway must send the sku key, not the upc the client asked by.
const shipping: SubgraphDefinition = {
  name: 'shipping',
  imports: ['@key'],
  typeDefs: `type Product @key(fields: "sku") { sku: String! weightGrams: Int! }`,
  resolvers: {
    Product: {
      __resolveReference: (reference: { sku: string }) => (representations.shipping!.push(reference), { sku: reference.sku, weightGrams: 100 }),
    },
  },
};

// A compound key: both fields in every representation.
const stock: SubgraphDefinition = {
  name: 'stock',
  imports: ['@key'],
  typeDefs: `type Warehouse @key(fields: "id region") { id: ID! region: String! capacity: Int! }`,
  resolvers: {
    Warehouse: {
      __resolveReference: (reference: { id: string; region: string }) => (representations.stock!.push(reference), { ...reference, capacity: 7 }),
    },
  },
};

describe.each(CONFORMANCE_VARIANTS)('entity keys ($name)', (variant) => {
  const federation = useFederation(variant, [catalog, shipping, stock]);
  beforeEach(() => Object.values(representations).forEach((list) => list.splice(0)));

  test('an entity with two keys is fetched from a subgraph by the key that subgraph declares', async () => {
    expect(await federation.query('{ product(upc: "u2") { name weightGrams } }')).toEqual({ data: { product: { name: 'Desk', weightGrams: 100 } } });
    expect(representations.shipping).toEqual([{ __typename: 'Product', sku: 's2' }]);
  });

  test('a compound key sends every one of its fields', async () => {
    expect(await federation.query('{ product(upc: "u1") { warehouse { id capacity } } }')).toEqual({
      data: { product: { warehouse: { id: 'w1', capacity: 7 } } },
    });
    expect(representations.stock).toEqual([{ __typename: 'Warehouse', id: 'w1', region: 'eu' }]);
  });

  test('a root field answering null makes no entity call', async () => {
    expect(await federation.query('{ product(upc: "none") { name weightGrams } }')).toEqual({ data: { product: null } });
    expect(representations.shipping).toEqual([]);
  });
});
