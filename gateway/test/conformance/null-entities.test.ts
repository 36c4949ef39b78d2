import { GraphQLError } from 'graphql';
import { useFederation } from './support/federation';
import type { SubgraphDefinition } from './support/in-memory-subgraph';
import { CONFORMANCE_VARIANTS, testFailingOnStock } from './support/variants';

// A code the gateway shows clients as it is (a codeless error would be masked as unexpected).
const noScore = (upc: string) => new GraphQLError(`no score for ${upc}`, { extensions: { code: 'NOT_FOUND' } });
const UPCS = ['a', 'b', 'c'];

const catalog: SubgraphDefinition = {
  name: 'catalog',
  imports: ['@key'],
  typeDefs: `
    type Query { product(upc: String!): Product products: [Product!]! strictList: [Product!] looseList: [Product] }
    type Product @key(fields: "upc") { upc: String! name: String! }
  `,
  resolvers: {
    Query: {
      product: (_: unknown, { upc }: { upc: string }) => ({ upc, name: `Product ${upc}` }),
      products: () => UPCS.map((upc) => ({ upc, name: `Product ${upc}` })),
      strictList: () => UPCS.map((upc) => ({ upc, name: `Product ${upc}` })),
      looseList: () => UPCS.map((upc) => ({ upc, name: `Product ${upc}` })),
    },
  },
};

// Does not know product b: its reference resolves to null.
const stock: SubgraphDefinition = {
  name: 'stock',
  imports: ['@key'],
  typeDefs: `type Product @key(fields: "upc") { upc: String! inStock: Int warehouse: String sku: String! }`,
  resolvers: {
    Product: { __resolveReference: ({ upc }: { upc: string }) => (upc === 'b' ? null : { upc, inStock: 4, warehouse: 'north', sku: `sku-${upc}` }) },
  },
};

// Knows every product, but its non-null score fails for b.
const ratings: SubgraphDefinition = {
  name: 'ratings',
  imports: ['@key'],
  typeDefs: `type Product @key(fields: "upc") { upc: String! score: Int! }`,
  resolvers: {
    Product: {
      score: ({ upc }: { upc: string }) => {
        if (upc === 'b') throw noScore(upc);
        return 9;
      },
    },
  },
};

const scoreError = (path: (string | number)[]) => ({ message: 'no score for b', path, extensions: { code: 'NOT_FOUND', serviceName: 'ratings' } });

describe.each(CONFORMANCE_VARIANTS)('null entities and null propagation ($name)', (variant) => {
  const federation = useFederation(variant, [catalog, stock, ratings]);

  test("a representation resolved to null: that entity's fields from the subgraph are null, the others intact", async () => {
    expect(await federation.query('{ products { upc name inStock warehouse } }')).toEqual({
      data: {
        products: [
          { upc: 'a', name: 'Product a', inStock: 4, warehouse: 'north' },
          { upc: 'b', name: 'Product b', inStock: null, warehouse: null },
          { upc: 'c', name: 'Product c', inStock: 4, warehouse: 'north' },
        ],
      },
    });
  });

  // Stock's engine answers { product: null } with no error at all: a null in a non-null field without its field error.
  testFailingOnStock(variant)(
    "a representation resolved to null where the client asked for a non-null field: that field's error, and its parent null",
    async () => {
      expect(await federation.query('{ product(upc: "b") { name sku } }')).toEqual({
        data: { product: null },
        // GraphQL's own message for a null in a non-null field; the spec leaves the error's code to the server.
        errors: [{ message: 'Cannot return null for non-nullable field Product.sku.', path: ['product', 'sku'], extensions: { code: expect.any(String) } }],
      });
    },
  );

  test('a non-null entity field failing nulls its nearest nullable parent, with the error at the field', async () => {
    expect(await federation.query('{ product(upc: "b") { name score } }')).toEqual({ data: { product: null }, errors: [scoreError(['product', 'score'])] });
  });

  test('a nullable list of non-null items: one failing item nulls the whole list', async () => {
    expect(await federation.query('{ strictList { upc score } }')).toEqual({ data: { strictList: null }, errors: [scoreError(['strictList', 1, 'score'])] });
  });

  test('a list of nullable items: only the failing item is null', async () => {
    expect(await federation.query('{ looseList { upc score } }')).toEqual({
      data: { looseList: [{ upc: 'a', score: 9 }, null, { upc: 'c', score: 9 }] },
      errors: [scoreError(['looseList', 1, 'score'])],
    });
  });

  test('non-null all the way up: the failure nulls data', async () => {
    expect(await federation.query('{ products { score } }')).toEqual({ data: null, errors: [scoreError(['products', 1, 'score'])] });
  });
});
