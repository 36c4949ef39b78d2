import { useFederation } from './support/federation';
import type { SubgraphDefinition } from './support/in-memory-subgraph';
import { CONFORMANCE_VARIANTS, testFailingOnStock } from './support/variants';

/** Representations each entity subgraph was asked to resolve, in order. */
const representations: Record<string, unknown[]> = { pricing: [], shipping: [] };
const PRICES: Record<string, number> = { a: 1500, b: 12000, c: 800 };

// A: the root fields.
const catalog: SubgraphDefinition = {
  name: 'catalog',
  imports: ['@key'],
  typeDefs: `
    type Query { product(upc: String!): Product featured: [Product!]! }
    type Product @key(fields: "upc") { upc: String! name: String! }
  `,
  resolvers: {
    Query: {
      product: (_: unknown, { upc }: { upc: string }) => ({ upc, name: `Product ${upc}` }),
      // Repeats: a client's list may hold one entity twice.
      featured: () => ['a', 'b', 'a', 'c', 'b'].map((upc) => ({ upc, name: `Product ${upc}` })),
    },
  },
};

// B: the price, which C needs.
const pricing: SubgraphDefinition = {
  name: 'pricing',
  imports: ['@key'],
  typeDefs: `type Product @key(fields: "upc") { upc: String! priceCents: Int! }`,
  resolvers: {
    Product: { __resolveReference: ({ upc }: { upc: string }) => (representations.pricing!.push({ upc }), { upc, priceCents: PRICES[upc] }) },
  },
};

// C: free shipping from 100.00, else 4.99; it is sent B's price in the representation.
const shipping: SubgraphDefinition = {
  name: 'shipping',
  imports: ['@key', '@external', '@requires'],
  typeDefs: `type Product @key(fields: "upc") { upc: String! priceCents: Int! @external shippingCents: Int! @requires(fields: "priceCents") }`,
  resolvers: {
    Product: {
      __resolveReference: (reference: { upc: string; priceCents: number }) => (representations.shipping!.push(reference), reference),
      shippingCents: ({ priceCents }: { priceCents: number }) => (priceCents >= 10000 ? 0 : 499),
    },
  },
};

describe.each(CONFORMANCE_VARIANTS)('a @requires chain across three subgraphs ($name)', (variant) => {
  const federation = useFederation(variant, [catalog, pricing, shipping]);
  beforeEach(() => Object.values(representations).forEach((list) => list.splice(0)));

  test("A's entity, B's field that C requires, and C's answer", async () => {
    expect(await federation.query('{ product(upc: "b") { name shippingCents } }')).toEqual({ data: { product: { name: 'Product b', shippingCents: 0 } } });
    expect(representations).toEqual({ pricing: [{ upc: 'b' }], shipping: [{ __typename: 'Product', upc: 'b', priceCents: 12000 }] });
  });

  test('the required field asked for too: both B and C answers are there', async () => {
    expect(await federation.query('{ product(upc: "c") { priceCents shippingCents } }')).toEqual({
      data: { product: { priceCents: 800, shippingCents: 499 } },
    });
  });

  test('a list with repeated entities: every item gets its answer', async () => {
    expect(await federation.query('{ featured { upc shippingCents } }')).toEqual({
      data: {
        featured: [
          { upc: 'a', shippingCents: 499 },
          { upc: 'b', shippingCents: 0 },
          { upc: 'a', shippingCents: 499 },
          { upc: 'c', shippingCents: 499 },
          { upc: 'b', shippingCents: 0 },
        ],
      },
    });
  });

  // Stock @apollo/gateway sends one representation per list item (a, b, a, c, b) to both B and C.
  testFailingOnStock(variant)('a list with repeated entities: B and C are each sent every distinct entity once', async () => {
    await federation.query('{ featured { shippingCents } }');
    expect(representations).toEqual({
      pricing: [{ upc: 'a' }, { upc: 'b' }, { upc: 'c' }],
      shipping: [
        { __typename: 'Product', upc: 'a', priceCents: 1500 },
        { __typename: 'Product', upc: 'b', priceCents: 12000 },
        { __typename: 'Product', upc: 'c', priceCents: 800 },
      ],
    });
  });
});
