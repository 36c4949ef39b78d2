import { readFileSync } from 'node:fs';
import { buildSchema, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { composeSupergraph, readSubgraphSources, API_SCHEMA_PATH, SUPERGRAPH_PATH } from '@shopgraph/schema';
import { readCostModel, type CostModel } from '../src/limits/cost-model';
import { measureOperation } from '../src/limits/measure-operation';
import { DEFAULT_OPERATION_LIMITS, limitError } from '../src/limits/operation-limits';
import { DEFAULT_MANIFEST_PATH } from '../src/env';

const schema = buildSchema(readFileSync(API_SCHEMA_PATH, 'utf8'));
const model = readCostModel(readFileSync(SUPERGRAPH_PATH, 'utf8'));

function measure(query: string, variables: Record<string, unknown> = {}, costModel: CostModel = model) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  return measureOperation(schema, operation, fragments, variables, { model: costModel, defaultListSize: 10 });
}

/** `{ ...F0 }` over `levels` fragments on Query, each spreading the next `width` times, the last selecting `leaf`. */
const fanOut = (levels: number, width: number, leaf: string) =>
  [
    `{ ...F0 }`,
    ...Array.from({ length: levels }, (_, i) => `fragment F${i} on Query {${` ...F${i + 1}`.repeat(width)} }`),
    `fragment F${levels} on Query { ${leaf} }`,
  ].join('\n');

test('objects cost 1 and scalars 0; a list multiplies by its first argument, or the default size', () => {
  expect(measure('{ product(sku: "x") { name price { amount } } }').cost).toBe(2);
  expect(measure('{ lowStockProducts(first: 7) { name price { amount } } }').cost).toBe(7 * 2);
  expect(measure('query ($n: Int!) { lowStockProducts(first: $n) { name } }', { n: 50 }).cost).toBe(50);
  // The schema default (first: Int = 20) sizes it when the client gives none.
  expect(measure('{ lowStockProducts { name } }').cost).toBe(20);
  // Unsized lists: the default list size.
  expect(measure('{ categories { name } }').cost).toBe(10);
});

test('a connection is sized through its edges; nested connections multiply', () => {
  expect(measure('{ products(first: 5) { totalCount edges { node { name } } } }').cost).toBe(1 + 5 * (1 + 1));
  const nested = measure('{ products(first: 100) { edges { node { reviews(first: 100) { edges { node { author { name } } } } } } } }');
  expect(nested.cost).toBe(1 + 100 * (1 + 1 + (1 + 100 * (1 + 1 + 1))));
});

test('mutation root fields cost 10 each, aliased copies included', () => {
  const aliases = Array.from({ length: 5 }, (_, i) => `a${i}: login(email: "e${i}@x.dev", password: "p") { accessToken }`).join(' ');
  const measures = measure(`mutation { ${aliases} }`);
  expect(measures).toMatchObject({ aliases: 5, rootFields: 5, cost: 5 * (10 + 0) });
});

test('fragments are expanded where they are used: depth, aliases and fields count every use', () => {
  const query = `
    query { a: categories { ...C } b: categories { ...C } }
    fragment C on Category { x: name children { children { name } } }
  `;
  expect(measure(query)).toMatchObject({ depth: 4, aliases: 4, rootFields: 2, fields: 10 });
});

test('__typename is a field like any other: it counts as a field, an alias, a root field and a response value', () => {
  const aliases = Array.from({ length: 1_500 }, (_, i) => `a${i}: __typename`).join(' ');
  const measures = measure(`{ products(first: 100) { edges { node { ${aliases} } } } }`);
  expect(measures).toMatchObject({ aliases: 1_500, fields: 3 + 1_500, depth: 4, cost: 1 + 100 * (1 + 1), responseFields: 1 + 100 * (1 + 1 + 1_500) });
  expect(limitError(measures, DEFAULT_OPERATION_LIMITS)?.extensions).toMatchObject({ limit: 'maxAliases', actual: 1_500 });
  expect(measure('{ __typename }')).toMatchObject({ rootFields: 1, fields: 1, depth: 1, cost: 0 });
});

test('introspection fields count as fields, but cost nothing and add no depth (graphql-js limits it; production turns it off)', () => {
  const measures = measure('{ __schema { types { fields { type { ofType { ofType { name } } } } } } }');
  expect(measures).toMatchObject({ depth: 1, rootFields: 1, fields: 7, cost: 0, responseFields: 7 });
  // A fragment bomb inside introspection is still counted in full.
  const bomb = `{ __schema { types { ...F0 } } } ${Array.from({ length: 6 }, (_, i) => `fragment F${i} on __Type { a${i}: ofType { ...F${i + 1} } b${i}: ofType { ...F${i + 1} } }`).join(' ')} fragment F6 on __Type { name }`;
  expect(limitError(measure(bomb), DEFAULT_OPERATION_LIMITS)?.extensions).toMatchObject({ limit: 'maxAliases' });
});

test("defaults of operation variables size lists exactly like literals; the request's values win over them", () => {
  const nested = (header: string, n: string, m: string) =>
    `query ${header} { products(first: ${n}) { edges { node { reviews(first: ${m}) { edges { node { author { name } } } } } } } }`;
  const literal = measure(nested('', '100', '100'));
  expect(literal.cost).toBe(30_301);
  expect(measure(nested('($n: Int = 100, $m: Int = 100)', '$n', '$m'))).toEqual(literal);
  expect(measure(nested('($n: Int = 100, $m: Int = 100)', '$n', '$m'), { n: 2, m: 2 }).cost).toBe(1 + 2 * (1 + 1 + (1 + 2 * 3)));
  expect(measure('query ($n: Int = 1000) { products(first: $n) { totalCount } }').largestPage).toEqual({
    coordinate: 'Query.products',
    argument: 'first',
    value: 1_000,
  });
  // An explicit null is no page size: the subgraph's own default applies.
  expect(measure('query ($n: Int = 1000) { products(first: $n) { totalCount } }', { n: null }).largestPage).toBeUndefined();
});

test('a list field counts its values in the response, scalars included; the limit names it', () => {
  const measures = measure('{ products(first: 100) { edges { node { name description } } } }');
  expect(measures.responseFields).toBe(1 + 100 * (1 + 1 + 2));
  const reviews = Array.from({ length: 30 }, (_, i) => `b${i}: body`).join(' ');
  const wide = measure(`{ products(first: 100) { edges { node { reviews(first: 10) { edges { node { ${reviews} } } } } } } }`);
  expect(wide.cost).toBeLessThan(DEFAULT_OPERATION_LIMITS.maxCost);
  expect(wide.responseFields).toBe(1 + 100 * (1 + 1 + 1 + 10 * (1 + 1 + 30)));
  expect(limitError(wide, DEFAULT_OPERATION_LIMITS)?.extensions).toMatchObject({
    code: 'OPERATION_TOO_COMPLEX',
    limit: 'maxResponseFields',
    maximum: 20_000,
    actual: wide.responseFields,
  });
});

test('the largest page is found wherever it is, and refused with the limit and the value', () => {
  const measures = measure('query ($n: Int) { me { orders(first: $n) { id } } }', { n: 1000 });
  expect(measures.largestPage).toEqual({ coordinate: 'User.orders', argument: 'first', value: 1000 });
  const error = limitError(measures, DEFAULT_OPERATION_LIMITS)!;
  expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first', maximum: 100, actual: 1000 });
  expect(error.message).toBe('"first" on User.orders must be at most 100, got 1000');
});

test('each limit is named with its maximum and the actual value', () => {
  const deep = measure(`{ categories { ${'children { '.repeat(11)}name${' }'.repeat(11)} } }`);
  expect(limitError(deep, DEFAULT_OPERATION_LIMITS)?.extensions).toMatchObject({ code: 'OPERATION_TOO_COMPLEX', limit: 'maxDepth', maximum: 10, actual: 13 });
  const wide = measure(`{ ${Array.from({ length: 25 }, (_, i) => `f${i}: categories { name }`).join(' ')} }`);
  expect(limitError(wide, { ...DEFAULT_OPERATION_LIMITS, maxAliases: 100 })?.extensions).toMatchObject({ limit: 'maxRootFields', maximum: 20, actual: 25 });
  expect(limitError(measure('{ categories { name } }'), DEFAULT_OPERATION_LIMITS)).toBeNull();
});

test('a fragment bomb is measured exactly, each fragment once, never expanded', () => {
  const levels = Array.from({ length: 12 }, (_, i) => `fragment F${i} on Category { a: children { ...F${i + 1} } b: children { ...F${i + 1} } }`);
  const query = `{ categories { ...F0 } } ${levels.join(' ')} fragment F12 on Category { name }`;
  const measures = measure(query);
  // 2 + 4 + ... + 2^12 aliased `children`, 2^12 names, and `categories`.
  expect(measures).toMatchObject({ fields: 1 + (2 ** 13 - 2) + 2 ** 12, aliases: 2 ** 13 - 2, depth: 14 });
  expect(limitError(measures, { ...DEFAULT_OPERATION_LIMITS, maxDepth: 100, maxAliases: 10_000 })?.extensions).toMatchObject({
    limit: 'maxFields',
    actual: measures.fields,
  });
  // 9^15 leaves: expanding them would take days; measured, it is one visit per fragment.
  expect(measure(fanOut(15, 9, '__typename')).fields).toBe(9 ** 15);
  expect(measure(fanOut(9, 9, 'categories { name }'))).toMatchObject({ fields: 2 * 9 ** 9, rootFields: 9 ** 9, depth: 2 });
});

test('a fragment spread into a connection is sized by it like fields written there', () => {
  const spread = measure(
    '{ products(first: 5) { ...P } } fragment P on ProductConnection { totalCount ...E } fragment E on ProductConnection { edges { node { name } } }',
  );
  expect(spread).toMatchObject({ cost: 1 + 5 * (1 + 1), depth: 4 });
  // The same fragment under two page sizes is measured for each.
  const twice = measure('{ a: products(first: 5) { ...E } b: products(first: 50) { ...E } } fragment E on ProductConnection { edges { node { name } } }');
  expect(twice.cost).toBe(1 + 5 * 2 + (1 + 50 * 2));
});

test('@cost and @listSize written in a subgraph reach the supergraph and the model; overrides fill gaps', () => {
  const sources = readSubgraphSources().map((source) =>
    source.name !== 'inventory'
      ? source
      : {
          ...source,
          sdl: source.sdl
            .replace('"@requiresScopes"]', '"@requiresScopes", "@cost", "@listSize"]')
            .replace(
              'lowStockProducts(first: Int = 20): [Product!]!',
              'lowStockProducts(first: Int = 20, limit: Int): [Product!]! @listSize(slicingArguments: ["limit"], assumedSize: 3) @cost(weight: 5)',
            ),
        },
  );
  const annotated = readCostModel(composeSupergraph(sources).supergraphSdl, { weights: { Money: 4 } });
  expect(annotated.listSizes.get('Query.lowStockProducts')).toEqual({ slicingArguments: ['limit'], assumedSize: 3 });
  expect(annotated.weights.get('Query.lowStockProducts')).toBe(5);
  // `first` is no slicing argument here any more: assumedSize sizes the list; Money weighs 4.
  const lowStock = (query: string) => {
    const document = parse(query);
    return measureOperation(schema, document.definitions[0] as OperationDefinitionNode, {}, {}, { model: annotated, defaultListSize: 10 }).cost;
  };
  expect(lowStock('{ lowStockProducts(first: 50) { price { amount } } }')).toBe(3 * (5 + 4));
});

test('every operation of our clients (packages/operations and the storefront) is within the limits, at the largest page size', () => {
  const manifest = JSON.parse(readFileSync(DEFAULT_MANIFEST_PATH, 'utf8')) as { operations: { name: string; body: string }[] };
  expect(manifest.operations.map((entry) => entry.name)).toEqual(expect.arrayContaining(['ShopSearch', 'ShopProduct', 'ShopOrders', 'StorefrontProducts']));
  for (const { name, body } of manifest.operations) {
    const document = parse(body);
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    // Page-size variables at the page limit: the most a client of ours can ask for.
    const pages = Object.fromEntries(
      (operation.variableDefinitions ?? []).filter((v) => /^(first|last)$/i.test(v.variable.name.value)).map((v) => [v.variable.name.value, 100]),
    );
    expect({ name, refusal: limitError(measure(body, pages), DEFAULT_OPERATION_LIMITS)?.message }).toEqual({ name, refusal: undefined });
  }
});
