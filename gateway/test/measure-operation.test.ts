import { readFileSync } from 'node:fs';
import { buildSchema, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { composeSupergraph, readSubgraphSources, API_SCHEMA_PATH, SUPERGRAPH_PATH } from '@shopgraph/schema';
import { readCostModel, type CostModel } from '../src/limits/cost-model';
import { measureOperation } from '../src/limits/measure-operation';
import { DEFAULT_OPERATION_LIMITS, limitError } from '../src/limits/operation-limits';

const schema = buildSchema(readFileSync(API_SCHEMA_PATH, 'utf8'));
const model = readCostModel(readFileSync(SUPERGRAPH_PATH, 'utf8'));

function measure(query: string, variables: Record<string, unknown> = {}, costModel: CostModel = model) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  return measureOperation(schema, operation, fragments, variables, { model: costModel, defaultListSize: 10, maxFields: 1_000 });
}

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

test('introspection fields are not measured (graphql-js limits their depth; production turns them off)', () => {
  expect(measure('{ __schema { types { fields { type { ofType { ofType { name } } } } } } }')).toMatchObject({ depth: 0, cost: 0 });
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

test('a fragment bomb stops the walk at maxFields instead of expanding it all', () => {
  const levels = Array.from({ length: 12 }, (_, i) => `fragment F${i} on Category { a: children { ...F${i + 1} } b: children { ...F${i + 1} } }`);
  const query = `{ categories { ...F0 } } ${levels.join(' ')} fragment F12 on Category { name }`;
  const measures = measure(query);
  expect(measures.fields).toBeGreaterThan(1_000);
  expect(measures.fields).toBeLessThan(1_100);
  expect(limitError(measures, { ...DEFAULT_OPERATION_LIMITS, maxDepth: 100, maxAliases: 10_000 })?.extensions).toMatchObject({ limit: 'maxFields' });
});

test('@cost and @listSize written in a subgraph reach the supergraph and the model; overrides fill gaps', () => {
  const sources = readSubgraphSources().map((source) =>
    source.name !== 'inventory'
      ? source
      : {
          ...source,
          sdl: source.sdl
            .replace('"@requiresScopes"]', '"@requiresScopes", "@cost", "@listSize"]')
            .replace('lowStockProducts(first: Int = 20): [Product!]!', 'lowStockProducts(first: Int = 20, limit: Int): [Product!]! @listSize(slicingArguments: ["limit"], assumedSize: 3) @cost(weight: 5)'),
        },
  );
  const annotated = readCostModel(composeSupergraph(sources).supergraphSdl, { weights: { Money: 4 } });
  expect(annotated.listSizes.get('Query.lowStockProducts')).toEqual({ slicingArguments: ['limit'], assumedSize: 3 });
  expect(annotated.weights.get('Query.lowStockProducts')).toBe(5);
  // `first` is no slicing argument here any more: assumedSize sizes the list; Money weighs 4.
  const lowStock = (query: string) => {
    const document = parse(query);
    return measureOperation(schema, document.definitions[0] as OperationDefinitionNode, {}, {}, { model: annotated, defaultListSize: 10, maxFields: 1_000 }).cost;
  };
  expect(lowStock('{ lowStockProducts(first: 50) { price { amount } } }')).toBe(3 * (5 + 4));
});
