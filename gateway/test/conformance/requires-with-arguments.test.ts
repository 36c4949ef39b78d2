import { useFederation } from './support/federation';
import type { SubgraphDefinition } from './support/in-memory-subgraph';
import { CONFORMANCE_VARIANTS, testFailingOnApolloPlanner } from './support/variants';

// Prices per currency, and each product's reviews, newest first.
const PRICES: Record<string, Record<string, number>> = {
  u1: { USD: 10, EUR: 9, GBP: 8 },
  u2: { USD: 20, EUR: 18, GBP: 16 },
};
const REVIEWS: Record<string, number[]> = { u1: [5, 4, 3, 1], u2: [2, 2, 5] };

const catalog: SubgraphDefinition = {
  name: 'catalog',
  imports: ['@key'],
  typeDefs: `
    type Query { products: [Product!]! }
    type Product @key(fields: "upc") { upc: String! price(currency: String!): Int! }
  `,
  resolvers: {
    Query: { products: () => Object.keys(PRICES).map((upc) => ({ upc })) },
    Product: { price: ({ upc }: { upc: string }, { currency }: { currency: string }) => PRICES[upc]![currency] },
  },
};

// Two fields require the same field with different arguments: each must get its own value.
const shipping: SubgraphDefinition = {
  name: 'shipping',
  imports: ['@key', '@external', '@requires'],
  typeDefs: `
    type Product @key(fields: "upc") {
      upc: String!
      price(currency: String!): Int! @external
      shippingUSD: Int! @requires(fields: "price(currency: \\"USD\\")")
      shippingEUR: Int! @requires(fields: "price(currency: \\"EUR\\")")
    }
  `,
  resolvers: {
    Product: {
      // The representation carries `price` read with the argument this field's @requires names.
      shippingUSD: ({ price }: { price: number }) => price * 2,
      shippingEUR: ({ price }: { price: number }) => price * 3,
    },
  },
};

const reviews: SubgraphDefinition = {
  name: 'reviews',
  imports: ['@key', '@shareable'],
  typeDefs: `
    type Product @key(fields: "upc") { upc: String! reviews(first: Int!): [Review!]! }
    type Review @shareable { stars: Int! }
  `,
  resolvers: {
    Product: {
      reviews: ({ upc }: { upc: string }, { first }: { first: number }) => REVIEWS[upc]!.slice(0, first).map((stars) => ({ stars })),
    },
  },
};

// Requires the first three reviews while a client may ask for another number of them.
const ratings: SubgraphDefinition = {
  name: 'ratings',
  imports: ['@key', '@external', '@requires', '@shareable'],
  typeDefs: `
    type Product @key(fields: "upc") {
      upc: String!
      reviews(first: Int!): [Review!]! @external
      recentStars: Int! @requires(fields: "reviews(first: 3) { stars }")
    }
    type Review @shareable { stars: Int! @external }
  `,
  resolvers: {
    Product: {
      recentStars: ({ reviews }: { reviews: { stars: number }[] }) => reviews.reduce((sum, review) => sum + review.stars, 0),
    },
  },
};

// Apollo's planner merges a field's reads with different arguments into one (the audit's
// requires-with-argument_2/_3/_4 and requires-with-argument-conflict_0 fail on stock for it);
// Hive's planner aliases the second read and the engine sends it under the field's own name.
describe.each(CONFORMANCE_VARIANTS)('@requires of fields with arguments ($name)', (variant) => {
  const federation = useFederation(variant, [catalog, shipping, reviews, ratings]);

  testFailingOnApolloPlanner(variant)('two fields requiring one field with different arguments each get their own value', async () => {
    expect(await federation.query('{ products { upc shippingUSD shippingEUR price(currency: "GBP") } }')).toEqual({
      data: {
        products: [
          { upc: 'u1', shippingUSD: 20, shippingEUR: 27, price: 8 },
          { upc: 'u2', shippingUSD: 40, shippingEUR: 54, price: 16 },
        ],
      },
    });
  });

  testFailingOnApolloPlanner(variant)('a client asking for the required field with other arguments gets its own answer', async () => {
    expect(await federation.query('{ products { recentStars reviews(first: 1) { stars } } }')).toEqual({
      data: {
        products: [
          { recentStars: 12, reviews: [{ stars: 5 }] },
          { recentStars: 9, reviews: [{ stars: 2 }] },
        ],
      },
    });
  });

  testFailingOnApolloPlanner(variant)('the argument may come from a variable with a default', async () => {
    expect(await federation.query('query ($first: Int = 2) { products { recentStars reviews(first: $first) { stars } } }')).toEqual({
      data: {
        products: [
          { recentStars: 12, reviews: [{ stars: 5 }, { stars: 4 }] },
          { recentStars: 9, reviews: [{ stars: 2 }, { stars: 2 }] },
        ],
      },
    });
  });

  test('a field required with arguments and not asked for by the client', async () => {
    expect(await federation.query('{ products { shippingUSD recentStars } }')).toEqual({
      data: {
        products: [
          { shippingUSD: 20, recentStars: 12 },
          { shippingUSD: 40, recentStars: 9 },
        ],
      },
    });
  });
});
