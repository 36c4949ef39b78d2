import type { FetchNode, PlanNode, QueryPlan } from '@apollo/query-planner';
import { getOperationAST, Kind, parse, print, stripIgnoredCharacters, type DocumentNode, type OperationDefinitionNode, type SelectionNode } from 'graphql';
import type * as Hive from '@graphql-hive/router-query-planner' with { 'resolution-mode': 'import' };
import { hivePlanToApollo } from './hive-plan-to-apollo';
import type { OperationPlanner } from './query-planner';

/**
 * The addon, loaded on first use (a gateway on Apollo's planner never loads it). The package's
 * types describe only its ES module entry, so TypeScript refuses to import it from CommonJS
 * (TS1479); its CommonJS entry (dist/index.cjs) loads the same addon. A plain require, so the
 * production build sees it and installs the package beside the bundle (tools/build/bundle.ts).
 */
function hiveAddon(): typeof Hive {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above: an import would not compile (TS1479)
  return require('@graphql-hive/router-query-planner') as typeof Hive;
}

// The last two arguments of plan() serve progressive @override (`label: "percent(n)"`): the labels
// switched on, and the percentage the percent() labels are measured against. The supergraph has
// no labelled @override (the planner's overrideLabels is empty), so neither changes a plan.
const NO_OVERRIDE_LABELS = new Set<string>();
const NO_ROLL = 0;

/** Hive Router's planner (Rust, N-API); it plans on the calling thread, about a millisecond or less for each of our operations. */
export function createHiveQueryPlanner(supergraphSdl: string): OperationPlanner {
  const planner = new (hiveAddon().QueryPlanner)(supergraphSdl);
  return {
    kind: 'hive',
    plan: ({ document, operationName }) => {
      const operation = getOperationAST(document, operationName);
      const planned = operation ? withoutRootIntrospection(document, operation) : document;
      if (!planned) return { kind: 'QueryPlan' };
      const plan = hivePlanToApollo(planner.plan(print(planned), operationName ?? null, NO_OVERRIDE_LABELS, NO_ROLL));
      return operation?.name ? namedFetches(plan, operation.name.value) : plan;
    },
  };
}

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/**
 * The operation without its root `__schema` and `__type`, which no subgraph answers (the engine
 * answers them from the API schema) and Hive's planner refuses; undefined when nothing is left.
 */
function withoutRootIntrospection(document: DocumentNode, operation: OperationDefinitionNode): DocumentNode | undefined {
  const keep = (selection: SelectionNode) => selection.kind !== Kind.FIELD || !INTROSPECTION_ROOTS.has(selection.name.value);
  const selections = operation.selectionSet.selections.filter(keep);
  if (selections.length === operation.selectionSet.selections.length) return document;
  if (selections.length === 0) return undefined;
  const definitions = document.definitions.map((definition) =>
    definition === operation ? { ...operation, selectionSet: { ...operation.selectionSet, selections } } : definition,
  );
  return { ...document, definitions };
}

/**
 * Names each subgraph operation as Apollo's planner does, `Client__subgraph__n` in plan order, so
 * subgraph logs and metrics tell which client operation a call served (Hive leaves them unnamed).
 */
function namedFetches(plan: QueryPlan, operationName: string): QueryPlan {
  let index = 0;
  const name = (fetch: FetchNode): FetchNode => {
    const named = `${operationName}__${fetch.serviceName}__${index++}`;
    const document = parse(fetch.operation);
    const definitions = document.definitions.map((definition) =>
      definition.kind === Kind.OPERATION_DEFINITION ? { ...definition, name: { kind: Kind.NAME as const, value: named } } : definition,
    );
    return { ...fetch, operationName: named, operation: stripIgnoredCharacters(print({ ...document, definitions })), operationDocumentNode: undefined };
  };
  const walk = (node: PlanNode): PlanNode => {
    switch (node.kind) {
      case 'Fetch':
        return name(node);
      case 'Sequence':
      case 'Parallel':
        return { ...node, nodes: node.nodes.map(walk) };
      case 'Flatten':
        return { ...node, node: walk(node.node) as typeof node.node };
      case 'Condition':
        return { ...node, ifClause: node.ifClause && walk(node.ifClause), elseClause: node.elseClause && walk(node.elseClause) };
      default:
        return node;
    }
  };
  if (!plan.node) return plan;
  return { ...plan, node: plan.node.kind === 'Subscription' ? { ...plan.node, primary: name(plan.node.primary) } : walk(plan.node) };
}
