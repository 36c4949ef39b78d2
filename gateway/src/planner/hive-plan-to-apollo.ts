import type { FetchDataRewrite, FetchNode, PlanNode, QueryPlan, QueryPlanSelectionNode, ResponsePath, SubscriptionNode } from '@apollo/query-planner';
import type * as Hive from '@graphql-hive/router-query-planner' with { 'resolution-mode': 'import' };
import { GraphQLError, Kind, OperationTypeNode, parse, print, stripIgnoredCharacters, visit, type DocumentNode, type FieldNode } from 'graphql';
import { ErrorCode } from '@shopgraph/server';

/** Hive's plan as Apollo's: the same tree, with Hive's BatchFetch spelled as Apollo's per-path fetches. */
export function hivePlanToApollo(plan: Hive.QueryPlan): QueryPlan {
  if (!plan.node) return { kind: 'QueryPlan' };
  return { kind: 'QueryPlan', node: plan.node.kind === 'Subscription' ? subscriptionNode(plan.node) : planNode(plan.node) };
}

const unsupported = (what: string) =>
  new GraphQLError(`The Hive query plan has ${what}, which @apollo/gateway's plans cannot express`, { extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } });

function subscriptionNode(node: Hive.SubscriptionNode): SubscriptionNode {
  return { kind: 'Subscription', primary: fetchNode(node.primary) };
}

function planNode(node: Hive.PlanNode): PlanNode {
  switch (node.kind) {
    case 'Fetch':
      return fetchNode(node);
    case 'BatchFetch':
      return batchFetchNodes(node);
    case 'Sequence':
    case 'Parallel':
      return { kind: node.kind, nodes: node.nodes.map(planNode) };
    case 'Flatten':
      return { kind: 'Flatten', path: responsePath(node.path), node: planNode(node.node) };
    case 'Condition':
      // Hive sends an absent branch as null; Apollo's executor tests for undefined.
      return {
        kind: 'Condition',
        condition: node.condition,
        ifClause: node.ifClause ? planNode(node.ifClause) : undefined,
        elseClause: node.elseClause ? planNode(node.elseClause) : undefined,
      };
    case 'Defer':
      return {
        kind: 'Defer',
        primary: { subselection: node.primary.subselection, node: node.primary.node && planNode(node.primary.node) },
        deferred: node.deferred.map((deferred) => ({ ...deferred, node: deferred.node && planNode(deferred.node) })),
      };
    case 'Subscription':
      throw unsupported('a Subscription node below the root');
  }
}

const OPERATION_KINDS = { query: OperationTypeNode.QUERY, mutation: OperationTypeNode.MUTATION, subscription: OperationTypeNode.SUBSCRIPTION } as const;

function fetchNode(node: Hive.FetchNode): FetchNode {
  return {
    kind: 'Fetch',
    serviceName: node.serviceName,
    variableUsages: node.variableUsages ?? [],
    requires: node.requires?.map(selection),
    operation: node.operation,
    // Hive leaves subgraph operations unnamed; Apollo names them `Op__service__n`, for logs only.
    operationName: node.operationName,
    operationKind: OPERATION_KINDS[node.operationKind ?? 'query'],
    inputRewrites: node.inputRewrites?.flatMap(rewrites),
    outputRewrites: node.outputRewrites?.flatMap(rewrites),
  };
}

/**
 * Apollo's executor has no type conditions in a flatten path: it goes into every value at the path
 * and the fetch's `requires` (inline fragments on the entity types) picks the representations, as
 * in Apollo's own plans. Hive's conditions (`|[Product]`) are therefore left out.
 */
function responsePath(path: Hive.FlattenNodePathSegment[]): ResponsePath {
  return path.flatMap((segment) => (segment === '@' ? ['@'] : 'Field' in segment ? [segment.Field] : []));
}

function selection(node: Hive.RequiresSelection): QueryPlanSelectionNode {
  switch (node.kind) {
    case 'Field':
      // Hive's `name` is the key the value sits under in the response and its `alias` the field's
      // name in the representation (`{ name: "_internal_qp_alias_0", alias: "price" }`); the
      // engine reads `alias ?? name` and writes `name`, as a GraphQL alias reads.
      return {
        kind: 'Field',
        name: node.alias ?? node.name,
        ...(node.alias ? { alias: node.name } : {}),
        ...(node.selections ? { selections: node.selections.map(selection) } : {}),
      };
    case 'InlineFragment':
      // Apollo's executor would build representations without evaluating the condition.
      if (node.skipIf || node.includeIf) throw unsupported('a conditional inline fragment in `requires`');
      return { kind: 'InlineFragment', typeCondition: node.typeCondition, selections: node.selections.map(selection) };
    case 'FragmentSpread':
      throw unsupported('a fragment spread in `requires`');
  }
}

/** Apollo names a type in a rewrite path `... on T`, one type each; Hive lists several in one segment. */
function rewrites(rewrite: Hive.FetchRewrite): FetchDataRewrite[] {
  const [kind, path, target] =
    'ValueSetter' in rewrite
      ? (['ValueSetter', rewrite.ValueSetter.path, rewrite.ValueSetter.setValueTo] as const)
      : 'KeyRenamer' in rewrite
        ? (['KeyRenamer', rewrite.KeyRenamer.path, rewrite.KeyRenamer.renameKeyTo] as const)
        : (['ValueSetter', rewrite.path, rewrite.setValueTo] as const);
  let paths: string[][] = [[]];
  for (const segment of path) {
    const names = 'Key' in segment ? [segment.Key] : segment.TypenameEquals.map((type) => `... on ${type}`);
    paths = paths.flatMap((prefix) => names.map((name) => [...prefix, name]));
  }
  return paths.map((rewritePath) =>
    kind === 'ValueSetter' ? { kind, path: rewritePath, setValueTo: target } : { kind, path: rewritePath, renameKeyTo: target },
  );
}

/**
 * Hive sends entity fetches to one subgraph as one operation, an aliased `_entities` field per
 * selection, each fed the representations found at several paths. Apollo's executor reads one
 * unaliased `_entities` per fetch at one path, so the batch becomes one Flatten + Fetch per path;
 * fetches with the same text are merged again on the way out (fetch/merge/).
 */
function batchFetchNodes(node: Hive.BatchFetchNode): PlanNode {
  const document = parse(node.operation);
  const nodes = node.entityBatch.aliases.flatMap((alias) => {
    const operation = entityOperation(document, alias);
    return alias.paths.map((path): PlanNode => ({
      kind: 'Flatten',
      path: responsePath(path),
      node: {
        kind: 'Fetch',
        serviceName: node.serviceName,
        variableUsages: operation.variables.filter((name) => name !== 'representations'),
        requires: alias.requires.map(selection),
        operation: operation.text,
        operationName: undefined,
        operationKind: OPERATION_KINDS[node.operationKind ?? 'query'],
        inputRewrites: alias.inputRewrites?.flatMap(rewrites),
        outputRewrites: alias.outputRewrites?.flatMap(rewrites),
      },
    }));
  });
  return nodes.length === 1 ? nodes[0]! : { kind: 'Parallel', nodes };
}

/** The batch's operation cut down to one alias's `_entities`, unaliased, fed `$representations`. */
function entityOperation(document: DocumentNode, alias: Hive.EntityBatchAlias): { text: string; variables: string[] } {
  const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  const field = operation?.selectionSet.selections.find((s): s is FieldNode => s.kind === Kind.FIELD && s.alias?.value === alias.alias);
  if (!operation || !field) throw unsupported(`a BatchFetch without its alias ${alias.alias}`);
  const fragments = document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
  const renamed = visit(
    { ...operation, selectionSet: { ...operation.selectionSet, selections: [{ ...field, alias: undefined }] } },
    {
      Variable: (variable) =>
        variable.name.value === alias.representationsVariableName ? { ...variable, name: { ...variable.name, value: 'representations' } } : undefined,
    },
  );
  // Subgraphs refuse unused fragments and variables, so only what the one field reaches is kept.
  const spread = new Set<string>();
  const variables = new Set<string>();
  const collect = (node: Parameters<typeof visit>[0]) =>
    visit(node, {
      FragmentSpread: (fragmentSpread) => void spread.add(fragmentSpread.name.value),
      Variable: (variable) => void variables.add(variable.name.value),
    });
  collect(renamed.selectionSet);
  for (let size = -1; size !== spread.size;) {
    size = spread.size;
    fragments.filter((fragment) => spread.has(fragment.name.value)).forEach(collect);
  }
  const kept: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      { ...renamed, variableDefinitions: renamed.variableDefinitions?.filter((definition) => variables.has(definition.variable.name.value)) },
      ...fragments.filter((fragment) => spread.has(fragment.name.value)),
    ],
  };
  return { text: stripIgnoredCharacters(print(kept)), variables: [...variables] };
}
