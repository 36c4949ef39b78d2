import { useFederation } from './support/federation';
import type { SubgraphDefinition } from './support/in-memory-subgraph';
import { CONFORMANCE_VARIANTS, isStockEngine } from './support/variants';

// Our engine writes the response itself, not graphql-js's execution (engine/response-shape.ts), and
// a faster writer may one day write its JSON text directly: these compare the exact HTTP bodies with
// stock @apollo/gateway's where stock is right, and with JSON.stringify's text of the right answer
// where it is not.

/** Every character JSON escapes differently: quotes, backslash, controls, line and paragraph separators, a lone surrogate. */
const AWKWARD = 'say "hi" \\ back\\slash\nnew line\ttab\u0001 \u2028\u2029 emoji 🛒 lone \ud800 é ö 日本 </script>';

const catalog: SubgraphDefinition = {
  name: 'catalog',
  imports: ['@key', '@authenticated'],
  typeDefs: `
    enum Shelf { TOP BOTTOM }
    type Query { product(upc: String!): Product products: [Product!]! looseList: [Product] secretNote: String @authenticated }
    type Product @key(fields: "upc") { upc: String! name: String! shelf: Shelf price: Float tags: [String!]! costPrice: Int @authenticated }
  `,
  resolvers: {
    Query: {
      product: (_: unknown, { upc }: { upc: string }) => productOf(upc),
      products: () => ['a', 'b'].map(productOf),
      looseList: () => ['a', 'b'].map(productOf),
      secretNote: () => 'never shown to the anonymous',
    },
    Product: { __resolveReference: ({ upc }: { upc: string }) => productOf(upc) },
  },
};

// Does not know product b: its non-null sku then has nothing to show.
const stock: SubgraphDefinition = {
  name: 'stock',
  imports: ['@key'],
  typeDefs: `type Product @key(fields: "upc") { upc: String! inStock: Int sku: String! }`,
  resolvers: { Product: { __resolveReference: ({ upc }: { upc: string }) => (upc === 'b' ? null : { upc, inStock: 4, sku: `sku-${upc}` }) } },
};

function productOf(upc: string) {
  return { upc, name: upc === 'a' ? AWKWARD : `Product ${upc}`, shelf: 'TOP', price: upc === 'a' ? 0.1 + 0.2 : -0, tags: [AWKWARD, ''], costPrice: 3 };
}

const ourVariants = CONFORMANCE_VARIANTS.filter((variant) => !isStockEngine(variant));
const stockVariant = CONFORMANCE_VARIANTS.find(isStockEngine)!;

describe.each(ourVariants)('the response body as text ($name, against the apollo engine)', (variant) => {
  const ours = useFederation(variant, [catalog, stock]);
  const theirs = useFederation(stockVariant, [catalog, stock]);
  const bodyOf = (query: string, variables?: Record<string, unknown>) => ours.body({ query, variables });

  const sameAsStock = async (query: string, variables?: Record<string, unknown>) => {
    const [ourBody, stockBody] = await Promise.all([ours.body({ query, variables }), theirs.body({ query, variables })]);
    expect(ourBody).toBe(stockBody);
    return JSON.parse(ourBody) as { data?: unknown; errors?: unknown[] };
  };

  test('strings that need escaping, from the subgraph and from another one, come out byte for byte as stock writes them', async () => {
    const answer = await sameAsStock('{ product(upc: "a") { upc name tags inStock sku } }');
    expect(answer).toEqual({ data: { product: { upc: 'a', name: AWKWARD, tags: [AWKWARD, ''], inStock: 4, sku: 'sku-a' } } });
  });

  test('aliases, __typename, enums, floats and key order as the client wrote them', async () => {
    const answer = await sameAsStock(
      '{ second: product(upc: "a") { __typename price kind: shelf label: name id: upc } first: products { upc t: __typename } }',
    );
    expect(Object.keys((answer.data as Record<string, object>).second!)).toEqual(['__typename', 'price', 'kind', 'label', 'id']);
  });

  test('a field refused to the anonymous (@authenticated) is null with its error, the rest as stock answers', async () => {
    const answer = await sameAsStock('{ secretNote products { upc costPrice } }');
    expect(answer.data).toEqual({
      secretNote: null,
      products: [
        { upc: 'a', costPrice: null },
        { upc: 'b', costPrice: null },
      ],
    });
    expect(answer.errors).toHaveLength(3);
  });

  test('introspection beside data at the root: copied as graphql-js answered it, in the order asked', async () => {
    const answer = await sameAsStock('{ product(upc: "a") { upc } __type(name: "Shelf") { name kind enumValues { name description } } __typename }');
    expect(Object.keys(answer.data as object)).toEqual(['product', '__type', '__typename']);
  });

  test('variables and fragments: the same body as stock', async () => {
    const answer = await sameAsStock('query ($upc: String!) { product(upc: $upc) { ...names } } fragment names on Product { name n2: name }', { upc: 'b' });
    expect(answer.data).toEqual({ product: { name: 'Product b', n2: 'Product b' } });
  });

  // Stock's engine leaves a null in the non-null sku without an error (null-entities.test.ts), so
  // these compare with the text JSON.stringify writes for the right answer.
  test('a null in a non-null field nulls its nearest nullable parent, with one error at its path', async () => {
    expect(await bodyOf('{ product(upc: "b") { name sku } }')).toBe(
      JSON.stringify({
        errors: [{ message: 'Cannot return null for non-nullable field Product.sku.', path: ['product', 'sku'], extensions: { code: 'INVALID_GRAPHQL' } }],
        data: { product: null },
      }),
    );
  });

  test('in a list of nullable items only that item is null; in a non-null list the null climbs to data', async () => {
    const loose = JSON.parse(await bodyOf('{ looseList { name sku } }')) as unknown;
    expect(loose).toEqual({
      errors: [expect.objectContaining({ path: ['looseList', 1, 'sku'] })],
      data: { looseList: [{ name: AWKWARD, sku: 'sku-a' }, null] },
    });
    expect(await bodyOf('{ products { sku } }')).toBe(
      JSON.stringify({
        errors: [{ message: 'Cannot return null for non-nullable field Product.sku.', path: ['products', 1, 'sku'], extensions: { code: 'INVALID_GRAPHQL' } }],
        data: null,
      }),
    );
  });

  test('identical anonymous queries at once, which share one run and its written data: each body as stock writes it', async () => {
    for (const query of ['{ product(upc: "a") { upc name tags inStock sku } }', '{ secretNote products { upc costPrice name } }']) {
      const stockBody = await theirs.body({ query });
      const bodies = await Promise.all(Array.from({ length: 20 }, () => ours.body({ query })));
      for (const body of bodies) expect(body).toBe(stockBody);
    }
  });

  test('a batch of operations in one request: each answer as stock writes it', async () => {
    const batch = [{ query: '{ product(upc: "a") { name } }' }, { query: '{ secretNote }' }];
    const [ourBody, stockBody] = await Promise.all([ours.body(batch), theirs.body(batch)]);
    expect(ourBody).toBe(stockBody);
    expect(JSON.parse(ourBody)).toHaveLength(2);
  });
});
