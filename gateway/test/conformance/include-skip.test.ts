import { useFederation } from './support/federation';
import type { SubgraphDefinition } from './support/in-memory-subgraph';
import { CONFORMANCE_VARIANTS } from './support/variants';

const catalog: SubgraphDefinition = {
  name: 'catalog',
  imports: ['@key'],
  typeDefs: `
    type Query { product: Product! }
    type Product @key(fields: "upc") { upc: String! name: String! }
  `,
  resolvers: { Query: { product: () => ({ upc: 'a', name: 'Lamp' }) } },
};

const stock: SubgraphDefinition = {
  name: 'stock',
  imports: ['@key'],
  typeDefs: `type Product @key(fields: "upc") { upc: String! inStock: Int! }`,
  resolvers: { Product: { __resolveReference: ({ upc }: { upc: string }) => ({ upc, inStock: 3 }) } },
};

const QUERY = 'query ($show: Boolean!) { product { name inStock @include(if: $show) upc @skip(if: $show) } }';

describe.each(CONFORMANCE_VARIANTS)('@include and @skip ($name)', (variant) => {
  const federation = useFederation(variant, [catalog, stock]);

  test('variables true: the included entity field is there, the skipped one is not', async () => {
    expect(await federation.query(QUERY, { show: true })).toEqual({ data: { product: { name: 'Lamp', inStock: 3 } } });
  });

  test('variables false: the entity field is left out, the other is there', async () => {
    expect(await federation.query(QUERY, { show: false })).toEqual({ data: { product: { name: 'Lamp', upc: 'a' } } });
  });

  test('literals', async () => {
    expect(await federation.query('{ product { name @skip(if: true) inStock @include(if: true) upc @include(if: false) } }')).toEqual({
      data: { product: { inStock: 3 } },
    });
  });
});
