import { useFederation } from './support/federation';
import type { SubgraphDefinition } from './support/in-memory-subgraph';
import { CONFORMANCE_VARIANTS } from './support/variants';

const catalog: SubgraphDefinition = {
  name: 'catalog',
  imports: ['@key'],
  typeDefs: `
    type Query { product: Product! }
    type Product @key(fields: "upc") { upc: String! }
  `,
  resolvers: { Query: { product: () => ({ upc: 'a' }) } },
};

// The variable is used in the entity fetch only: the gateway must pass it (or its default) on.
const pricing: SubgraphDefinition = {
  name: 'pricing',
  imports: ['@key'],
  typeDefs: `type Product @key(fields: "upc") { upc: String! price(currency: String! = "EUR"): String! }`,
  resolvers: { Product: { price: (_: unknown, { currency }: { currency: string }) => `10 ${currency}` } },
};

const QUERY = 'query ($currency: String! = "USD") { product { price(currency: $currency) } }';

describe.each(CONFORMANCE_VARIANTS)('variables with defaults ($name)', (variant) => {
  const federation = useFederation(variant, [catalog, pricing]);

  test("an omitted variable takes the operation's default", async () => {
    expect(await federation.query(QUERY)).toEqual({ data: { product: { price: '10 USD' } } });
  });

  test('a given variable wins over the default', async () => {
    expect(await federation.query(QUERY, { currency: 'GBP' })).toEqual({ data: { product: { price: '10 GBP' } } });
  });

  test("an argument left out takes the schema's default", async () => {
    expect(await federation.query('{ product { price } }')).toEqual({ data: { product: { price: '10 EUR' } } });
  });
});
