import { useFederation } from './support/federation';
import type { SubgraphDefinition } from './support/in-memory-subgraph';
import { CONFORMANCE_VARIANTS } from './support/variants';

const catalog: SubgraphDefinition = {
  name: 'catalog',
  imports: ['@key'],
  typeDefs: `
    type Query { product(upc: String!): Product }
    type Product @key(fields: "upc") { upc: String! name: String! }
  `,
  resolvers: { Query: { product: (_: unknown, { upc }: { upc: string }) => ({ upc, name: `Product ${upc}` }) } },
};

const stock: SubgraphDefinition = {
  name: 'stock',
  imports: ['@key'],
  typeDefs: `type Product @key(fields: "upc") { upc: String! inStock: Int! }`,
  resolvers: { Product: { __resolveReference: ({ upc }: { upc: string }) => ({ upc, inStock: upc.length }) } },
};

describe.each(CONFORMANCE_VARIANTS)('aliases and fragments ($name)', (variant) => {
  const federation = useFederation(variant, [catalog, stock]);

  test('two aliases of one root field, each with its entity fields', async () => {
    expect(await federation.query('{ first: product(upc: "a") { title: name count: inStock } second: product(upc: "bb") { count: inStock } }')).toEqual({
      data: { first: { title: 'Product a', count: 1 }, second: { count: 2 } },
    });
  });

  test('a named and an inline fragment repeating fields are merged, aliased __typename included', async () => {
    const query = `
      query { product(upc: "a") { ...Parts name ... on Product { inStock kind: __typename } } }
      fragment Parts on Product { name inStock __typename }
    `;
    expect(await federation.query(query)).toEqual({ data: { product: { name: 'Product a', inStock: 1, __typename: 'Product', kind: 'Product' } } });
  });
});
