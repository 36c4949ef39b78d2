import { useFederation } from './support/federation';
import type { SubgraphDefinition } from './support/in-memory-subgraph';
import { CONFORMANCE_VARIANTS } from './support/variants';

/** Representations the shipping subgraph was asked to resolve: the inaccessible key and @requires input. */
const shippingCalls: unknown[] = [];

// The key (id), the cost and the supplier are internal: clients see none of them.
const catalog: SubgraphDefinition = {
  name: 'catalog',
  imports: ['@key', '@inaccessible'],
  typeDefs: `
    type Query { product(upc: String, debug: Boolean @inaccessible): Product! finish: Finish! }
    enum Finish { MATTE GLOSS PROTOTYPE @inaccessible }
    type Product @key(fields: "id") { id: ID! @inaccessible name: String! costCents: Int! @inaccessible supplier: Supplier @inaccessible }
    type Supplier @inaccessible { name: String! }
  `,
  resolvers: { Query: { product: () => ({ id: 'p1', name: 'Lamp', costCents: 1200, supplier: { name: 'Acme' } }), finish: () => 'GLOSS' } },
};

const shipping: SubgraphDefinition = {
  name: 'shipping',
  imports: ['@key', '@inaccessible', '@external', '@requires'],
  typeDefs: `type Product @key(fields: "id") { id: ID! @inaccessible costCents: Int! @external shippingCents: Int! @requires(fields: "costCents") }`,
  resolvers: {
    Product: {
      __resolveReference: (reference: { id: string; costCents: number }) => (shippingCalls.push(reference), reference),
      shippingCents: ({ costCents }: { costCents: number }) => Math.round(costCents / 10),
    },
  },
};

/** What Apollo Server answers for a field the API schema does not have: no data, one validation error. */
const cannotQuery = (field: string, type: string, column: number) => ({
  errors: [
    { message: `Cannot query field "${field}" on type "${type}".`, locations: [{ line: 1, column }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
  ],
});

describe.each(CONFORMANCE_VARIANTS)('@inaccessible ($name)', (variant) => {
  const federation = useFederation(variant, [catalog, shipping]);
  beforeEach(() => shippingCalls.splice(0));

  test('an inaccessible field cannot be queried', async () => {
    expect(await federation.query('{ product { name costCents } }')).toEqual(cannotQuery('costCents', 'Product', 18));
  });

  test('an inaccessible key field cannot be queried', async () => {
    expect(await federation.query('{ product { id } }')).toEqual(cannotQuery('id', 'Product', 13));
  });

  test('a field of an inaccessible type cannot be queried', async () => {
    expect(await federation.query('{ product { supplier { name } } }')).toEqual(cannotQuery('supplier', 'Product', 13));
  });

  test('an inaccessible argument cannot be given', async () => {
    expect(await federation.query('{ product(debug: true) { name } }')).toEqual({
      errors: [
        {
          message: 'Unknown argument "debug" on field "Query.product".',
          locations: [{ line: 1, column: 11 }],
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ],
    });
  });

  test('an inaccessible enum value is absent from introspection, the accessible ones are answered', async () => {
    expect(await federation.query('{ finish }')).toEqual({ data: { finish: 'GLOSS' } });
    expect(await federation.query('{ __type(name: "Finish") { enumValues { name } } }')).toEqual({
      data: { __type: { enumValues: [{ name: 'MATTE' }, { name: 'GLOSS' }] } },
    });
  });

  test('introspection shows neither the inaccessible fields and argument nor the inaccessible type', async () => {
    expect(
      await federation.query(
        '{ product: __type(name: "Product") { fields { name } } supplier: __type(name: "Supplier") { name } query: __type(name: "Query") { fields { name args { name } } } }',
      ),
    ).toEqual({
      data: {
        product: { fields: [{ name: 'name' }, { name: 'shippingCents' }] },
        supplier: null,
        query: {
          fields: [
            { name: 'product', args: [{ name: 'upc' }] },
            { name: 'finish', args: [] },
          ],
        },
      },
    });
  });

  test('the gateway still uses the inaccessible key and @requires input', async () => {
    expect(await federation.query('{ product { name shippingCents } }')).toEqual({ data: { product: { name: 'Lamp', shippingCents: 120 } } });
    expect(shippingCalls).toEqual([{ __typename: 'Product', id: 'p1', costCents: 1200 }]);
  });
});
