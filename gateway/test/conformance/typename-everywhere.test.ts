import { useFederation } from './support/federation';
import type { SubgraphDefinition } from './support/in-memory-subgraph';
import { CONFORMANCE_VARIANTS } from './support/variants';

/** Product representations the catalog subgraph was asked to resolve. */
const catalogCalls: unknown[] = [];

const catalog: SubgraphDefinition = {
  name: 'catalog',
  imports: ['@key'],
  typeDefs: `
    type Query { product: Product! }
    type Mutation { touchProduct: Product! }
    type Product @key(fields: "upc") { upc: String! name: String! }
  `,
  resolvers: {
    Query: { product: () => ({ upc: 'a', name: 'Lamp' }) },
    Mutation: { touchProduct: () => ({ upc: 'a', name: 'Lamp' }) },
    Product: { __resolveReference: ({ upc }: { upc: string }) => (catalogCalls.push({ upc }), { upc, name: 'Lamp' }) },
  },
};

// Hands out products it knows by key only, and adds a value type of its own to them.
const reviews: SubgraphDefinition = {
  name: 'reviews',
  imports: ['@key'],
  typeDefs: `
    type Query { topReview: Review }
    type Review { body: String! product: Product! }
    type Product @key(fields: "upc") { upc: String! rating: Rating! }
    type Rating { stars: Int! }
  `,
  resolvers: {
    Query: { topReview: () => ({ body: 'Bright', product: { upc: 'a' } }) },
    Product: { rating: () => ({ stars: 4 }) },
  },
};

describe.each(CONFORMANCE_VARIANTS)('__typename everywhere ($name)', (variant) => {
  const federation = useFederation(variant, [catalog, reviews]);
  beforeEach(() => catalogCalls.splice(0));

  test('at the root of a query and of a mutation', async () => {
    expect(await federation.query('{ __typename }')).toEqual({ data: { __typename: 'Query' } });
    expect(await federation.query('mutation { __typename }')).toEqual({ data: { __typename: 'Mutation' } });
  });

  test('beside root fields of two subgraphs', async () => {
    expect(await federation.query('{ __typename product { name } topReview { body } }')).toEqual({
      data: { __typename: 'Query', product: { name: 'Lamp' }, topReview: { body: 'Bright' } },
    });
  });

  test('on an entity resolved from another subgraph, and on a value type another subgraph adds to an entity', async () => {
    expect(await federation.query('{ topReview { __typename product { __typename name } } product { rating { __typename stars } } }')).toEqual({
      data: { topReview: { __typename: 'Review', product: { __typename: 'Product', name: 'Lamp' } }, product: { rating: { __typename: 'Rating', stars: 4 } } },
    });
  });

  test('alone on an entity from another subgraph: answered without an entity call', async () => {
    expect(await federation.query('{ topReview { product { __typename } } }')).toEqual({ data: { topReview: { product: { __typename: 'Product' } } } });
    expect(catalogCalls).toEqual([]);
  });

  test('aliased, more than once, at the root and on entities', async () => {
    expect(await federation.query('{ kind: __typename topReview { product { t: __typename also: __typename name } } }')).toEqual({
      data: { kind: 'Query', topReview: { product: { t: 'Product', also: 'Product', name: 'Lamp' } } },
    });
  });

  test('aliased in a mutation answer', async () => {
    expect(await federation.query('mutation { root: __typename touchProduct { kind: __typename rating { kind: __typename } } }')).toEqual({
      data: { root: 'Mutation', touchProduct: { kind: 'Product', rating: { kind: 'Rating' } } },
    });
  });
});
