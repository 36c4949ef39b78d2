import { useFederation } from './support/federation';
import type { SubgraphDefinition } from './support/in-memory-subgraph';
import { CONFORMANCE_VARIANTS, testFailingOnStock } from './support/variants';

/** Every _entities call the reviews subgraph answered: the upcs of its representations. */
const entityCalls: string[][] = [];

const catalog: SubgraphDefinition = {
  name: 'catalog',
  imports: ['@key'],
  typeDefs: `
    type Query { featured: [Product!]! }
    type Product @key(fields: "upc") { upc: String! name: String! }
  `,
  resolvers: {
    // The same product twice: a client's list may repeat an entity.
    Query: { featured: () => ['a', 'b', 'a', 'c'].map((upc) => ({ upc, name: `Product ${upc}` })) },
  },
};

const reviews: SubgraphDefinition = {
  name: 'reviews',
  imports: ['@key'],
  typeDefs: `type Product @key(fields: "upc") { upc: String! reviewCount: Int! }`,
  resolvers: {
    Query: {
      _entities: (_: unknown, { representations }: { representations: { upc: string }[] }) => {
        entityCalls.push(representations.map((representation) => representation.upc));
        return representations.map(({ upc }) => ({ __typename: 'Product', upc, reviewCount: upc.charCodeAt(0) - 96 }));
      },
    },
  },
};

describe.each(CONFORMANCE_VARIANTS)('entities in lists ($name)', (variant) => {
  const federation = useFederation(variant, [catalog, reviews]);
  beforeEach(() => entityCalls.splice(0));

  test('every list item gets its entity fields, repeated items included', async () => {
    expect(await federation.query('{ featured { upc name reviewCount } }')).toEqual({
      data: {
        featured: [
          { upc: 'a', name: 'Product a', reviewCount: 1 },
          { upc: 'b', name: 'Product b', reviewCount: 2 },
          { upc: 'a', name: 'Product a', reviewCount: 1 },
          { upc: 'c', name: 'Product c', reviewCount: 3 },
        ],
      },
    });
  });

  // Stock @apollo/gateway sends one representation per list item (a, b, a, c): the repeat is resolved twice.
  testFailingOnStock(variant)('the entity subgraph is called once, with each distinct representation once', async () => {
    await federation.query('{ featured { reviewCount } }');
    expect(entityCalls).toEqual([['a', 'b', 'c']]);
  });
});
