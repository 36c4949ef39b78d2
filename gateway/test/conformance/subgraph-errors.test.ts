import { GraphQLError } from 'graphql';
import { useFederation } from './support/federation';
import type { SubgraphDefinition } from './support/in-memory-subgraph';
import { CONFORMANCE_VARIANTS } from './support/variants';

// A code the gateway shows clients as it is (a codeless error would be masked as unexpected).
const notFound = (message: string) => new GraphQLError(message, { extensions: { code: 'NOT_FOUND' } });

const catalog: SubgraphDefinition = {
  name: 'catalog',
  imports: ['@key'],
  typeDefs: `
    type Query { products: [Product!]! broken: String }
    type Product @key(fields: "upc") { upc: String! }
  `,
  resolvers: {
    Query: {
      products: () => [{ upc: 'a' }, { upc: 'b' }],
      broken: () => {
        throw notFound('no such thing');
      },
    },
  },
};

const reviews: SubgraphDefinition = {
  name: 'reviews',
  imports: ['@key'],
  typeDefs: `type Product @key(fields: "upc") { upc: String! rating: Int }`,
  resolvers: {
    Product: {
      rating: ({ upc }: { upc: string }) => {
        if (upc === 'b') throw notFound('no rating for b');
        return 5;
      },
    },
  },
};

describe.each(CONFORMANCE_VARIANTS)('subgraph errors ($name)', (variant) => {
  const federation = useFederation(variant, [catalog, reviews]);

  test('an error in a root fetch has the client path and the subgraph name', async () => {
    expect(await federation.query('{ broken }')).toEqual({
      data: { broken: null },
      errors: [{ message: 'no such thing', path: ['broken'], extensions: { code: 'NOT_FOUND', serviceName: 'catalog' } }],
    });
  });

  test("an error in an entity fetch points to the client's response path, not _entities", async () => {
    expect(await federation.query('{ products { upc rating } }')).toEqual({
      data: {
        products: [
          { upc: 'a', rating: 5 },
          { upc: 'b', rating: null },
        ],
      },
      errors: [{ message: 'no rating for b', path: ['products', 1, 'rating'], extensions: { code: 'NOT_FOUND', serviceName: 'reviews' } }],
    });
  });
});
