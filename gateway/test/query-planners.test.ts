import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import type { FetchNode, PlanNode, QueryPlan, SubscriptionNode } from '@apollo/query-planner';
import { SUPERGRAPH_PATH } from '@shopgraph/schema';
import { Kind, parse, validate, visit, type DocumentNode, type GraphQLSchema } from 'graphql';
import { supergraphForPlanner } from '../src/auth/security-features';
import { summarisePlan, type PlanSummary } from '../src/planner/plan-summary';
import { createQueryPlanner, QUERY_PLANNER_KINDS } from '../src/planner/query-planner';

const supergraphSdl = readFileSync(SUPERGRAPH_PATH, 'utf8');
const manifestPath = join(__dirname, '..', '..', 'packages', 'operations', 'src', '__generated__', 'persisted-query-manifest.json');
const clientOperations = (JSON.parse(readFileSync(manifestPath, 'utf8')) as { operations: { name: string; body: string }[] }).operations;

// What the client operations leave out. The supergraph has no interface; CheckoutResult is its union.
const HAND_WRITTEN: Record<string, string> = {
  // Two entity fetches to one subgraph with the same selection: Hive plans them as one BatchFetch.
  SiblingEntities: '{ a: product(slug: "a") { name stock { available } } b: product(slug: "b") { name stock { available } } }',
  // Two selections on inventory and one shared reviews selection with a variable: a BatchFetch of two aliases.
  SiblingEntityBatch:
    'query ($n: Int) { a: product(slug: "a") { stock { available } reviews(first: $n) { totalCount } } b: product(slug: "b") { availability reviews(first: $n) { totalCount } } }',
  // Review.verifiedPurchase @requires(fields: "author { id } product { id }") in orders.
  Requires: 'query ($id: ID!) { review(id: $id) { title verifiedPurchase } }',
  IncludeSkip: 'query ($s: Boolean!) { product(slug: "a") { name stock @include(if: $s) { available } reviews @skip(if: $s) { totalCount } } }',
  UnionMembers: `mutation ($input: CheckoutInput!, $key: String!) {
    checkout(input: $input, idempotencyKey: $key) {
      __typename
      ... on OrderPlaced { order { id items { product { name stock { available } } } } }
      ... on CheckoutOutOfStock { products { name stock { available } } }
      ... on PaymentFailed { reason order { user { name } } }
    }
  }`,
};

const cases: [string, DocumentNode][] = [...clientOperations.map(({ name, body }) => [name, body] as const), ...Object.entries(HAND_WRITTEN)].map(
  ([name, body]) => [name, parse(body)],
);

/**
 * Where the planners legitimately part, each checked with the weaker property below (the same
 * fetches, and Apollo's order kept) and kept exact: an entry that no longer differs fails.
 */
// Hive plans stage by stage (a Sequence of Parallels), so a fetch waits for its whole stage where
// Apollo's tree starts it when its own parent is done (users after reviews, not after inventory).
const STAGED = new Set(['ProductPage', 'StorefrontProducts', 'UserWithHistory']);
// Hive asks a second reviews fetch for the key fields orders' @requires needs (author { id }
// product { id }), and runs orders a stage later; Apollo adds them to the first reviews fetch.
const EXTRA_HIVE_FETCHES: Record<string, string[]> = { ShopProduct: ['reviews product.reviews.edges.@.node'] };
// A mutation's root `__typename` (the storefront's codegen adds it) is answered by the gateway in
// Apollo's plans; Hive sends `mutation{__typename}` to the first subgraph with mutations (by name,
// as the supergraph lists them), before the rest.
const rootTypenameFetch = (document: DocumentNode, firstWithMutations: string) =>
  document.definitions.some(
    (definition) =>
      definition.kind === Kind.OPERATION_DEFINITION &&
      definition.operation === 'mutation' &&
      definition.selectionSet.selections.some((selection) => selection.kind === Kind.FIELD && selection.name.value === '__typename'),
  )
    ? [firstWithMutations]
    : [];

/** The fetches of a summary, and every "a -> b" where a plan finishes fetch a before it starts b. */
function fetchOrder(summary: PlanSummary | undefined) {
  const precedes = new Set<string>();
  const walk = (step: PlanSummary | undefined): string[] => {
    if (step === undefined) return [];
    if (typeof step === 'string') return [step];
    if ('parallel' in step) return step.parallel.flatMap(walk);
    if ('if' in step) return [...walk(step.then), ...walk(step.else)];
    const ordered = 'sequence' in step ? step.sequence : 'defer' in step ? step.defer : [step.subscription, step.rest];
    const seen: string[] = [];
    for (const child of ordered) {
      const fetches = walk(child);
      for (const before of seen) for (const after of fetches) precedes.add(`${before} -> ${after}`);
      seen.push(...fetches);
    }
    return seen;
  };
  return { fetches: walk(summary).sort(), precedes };
}

const without = (items: string[], taken: string[]) => taken.reduce((left, item) => (left.includes(item) ? left.toSpliced(left.indexOf(item), 1) : left), items);

function fetchesOf(node: PlanNode | SubscriptionNode | undefined): FetchNode[] {
  if (!node) return [];
  switch (node.kind) {
    case 'Fetch':
      return [node];
    case 'Flatten':
      return fetchesOf(node.node);
    case 'Sequence':
    case 'Parallel':
      return node.nodes.flatMap(fetchesOf);
    case 'Condition':
      return [...fetchesOf(node.ifClause), ...fetchesOf(node.elseClause)];
    case 'Defer':
      return [...fetchesOf(node.primary.node), ...node.deferred.flatMap((deferred) => fetchesOf(deferred.node))];
    case 'Subscription':
      return [node.primary, ...fetchesOf(node.rest)];
  }
}

const variablesOf = (operation: string) => {
  const names = new Set<string>();
  visit(parse(operation), { Variable: (variable) => void names.add(variable.name.value) });
  return [...names].filter((name) => name !== 'representations').sort();
};

describe('query planners over the committed supergraph', () => {
  const planners = Object.fromEntries(QUERY_PLANNER_KINDS.map((kind) => [kind, createQueryPlanner(kind, supergraphSdl)])) as Record<
    (typeof QUERY_PLANNER_KINDS)[number],
    ReturnType<typeof createQueryPlanner>
  >;
  const plansOf = (document: DocumentNode): Record<'apollo' | 'hive', QueryPlan> => ({
    apollo: planners.apollo.plan({ document }),
    hive: planners.hive.plan({ document }),
  });
  const subgraphSchemas = new Map<string, GraphQLSchema>(
    Supergraph.build(supergraphForPlanner(supergraphSdl))
      .subgraphs()
      .values()
      .map((subgraph) => [subgraph.name, subgraph.schema.toGraphQLJSSchema()]),
  );

  const firstWithMutations = [...subgraphSchemas].find(([, schema]) => schema.getMutationType())![0];

  it.each(cases)('%s: both fetch the same subgraphs in a compatible order', (name, document) => {
    const { apollo, hive } = plansOf(document);
    const extra = [...(EXTRA_HIVE_FETCHES[name] ?? []), ...rootTypenameFetch(document, firstWithMutations)].sort();
    if (!STAGED.has(name) && extra.length === 0) {
      expect(summarisePlan(hive)).toEqual(summarisePlan(apollo));
      return;
    }
    expect(summarisePlan(hive)).not.toEqual(summarisePlan(apollo));
    const apolloOrder = fetchOrder(summarisePlan(apollo));
    const hiveOrder = fetchOrder(summarisePlan(hive));
    expect(without(hiveOrder.fetches, apolloOrder.fetches)).toEqual(extra);
    expect(without(apolloOrder.fetches, hiveOrder.fetches)).toEqual([]);
    expect([...apolloOrder.precedes].filter((pair) => !hiveOrder.precedes.has(pair))).toEqual([]);
  });

  it.each(cases)('%s: every fetch of either plan is a valid operation of its subgraph', (_name, document) => {
    for (const plan of Object.values(plansOf(document))) {
      for (const fetch of fetchesOf(plan.node)) {
        const schema = subgraphSchemas.get(fetch.serviceName);
        expect(schema).toBeDefined();
        expect(validate(schema!, parse(fetch.operation)).map((error) => error.message)).toEqual([]);
        // Apollo's executor sends the variables named here, plus the representations.
        expect([...(fetch.variableUsages ?? [])].sort()).toEqual(variablesOf(fetch.operation));
      }
    }
  });

  it("spells Hive's BatchFetch as one entity fetch per path, each with only its alias's selection", () => {
    const { hive } = plansOf(parse(HAND_WRITTEN.SiblingEntityBatch!));
    const inventory = (field: string) => fetchesOf(hive.node).find((fetch) => fetch.serviceName === 'inventory' && fetch.operation.includes(field));
    expect(inventory('availability')?.operation).toBe(
      'query($representations:[_Any!]!){_entities(representations:$representations){...on Product{availability}}}',
    );
    expect(inventory('stock')?.operation).toBe(
      'query($representations:[_Any!]!){_entities(representations:$representations){...on Product{stock{available}}}}',
    );
    const reviews = fetchesOf(hive.node).filter((fetch) => fetch.serviceName === 'reviews');
    expect(reviews.map((fetch) => fetch.variableUsages)).toEqual([['n'], ['n']]);
  });

  it.each(QUERY_PLANNER_KINDS)('%s refuses an operation the API schema does not have', (kind) => {
    expect(() => planners[kind].plan({ document: parse('{ nope }') })).toThrow(/nope/);
  });
});
