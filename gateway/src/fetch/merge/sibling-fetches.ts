import type { FetchNode, PlanNode, QueryPlan, SubscriptionNode } from '@apollo/query-planner';

/**
 * Entity fetches a plan runs side by side against the same subgraph with the same operation: the
 * planner makes one fetch per response path, so `first: product(..) { stock }` and
 * `second: product(..) { stock }` ask inventory twice, at once, with the same query text and
 * different representations. Keyed by `siblingKey`, the number of such fetches
 * in their Parallel node; a key is left out unless every fetch with it in the plan is in that one
 * group, so a merger waiting for the group never waits for a fetch that runs at another stage.
 */
export type SiblingFetches = ReadonlyMap<string, number>;

/**
 * What makes two entity fetches one: the subgraph and the operation text without its name (the
 * planner names each fetch apart, `Op__inventory__1`, `Op__inventory__3`, over the same selection).
 */
export const siblingKey = (service: string, operation: string, operationName: string | undefined) =>
  `${service}\n${operationName ? operation.replace(operationName, '') : operation}`;

const NONE: SiblingFetches = new Map();
const analysed = new WeakMap<QueryPlan, SiblingFetches>();

/** The plan's sibling entity fetches, worked out once per plan (plans are cached and reused). */
export function siblingFetchesOf(plan: QueryPlan): SiblingFetches {
  let found = analysed.get(plan);
  if (!found) {
    found = analyse(plan);
    analysed.set(plan, found);
  }
  return found;
}

function analyse(plan: QueryPlan): SiblingFetches {
  const everywhere = new Map<string, number>();
  const groups = new Map<string, number[]>();
  const fetchOf = (node: PlanNode): FetchNode | undefined =>
    node.kind === 'Fetch' ? node : node.kind === 'Flatten' && node.node.kind === 'Fetch' ? node.node : undefined;
  const visit = (node: PlanNode | SubscriptionNode | undefined): void => {
    if (!node) return;
    switch (node.kind) {
      case 'Fetch': {
        const key = siblingKey(node.serviceName, node.operation, node.operationName);
        everywhere.set(key, (everywhere.get(key) ?? 0) + 1);
        return;
      }
      case 'Flatten':
        return visit(node.node);
      case 'Sequence':
        return node.nodes.forEach(visit);
      case 'Parallel': {
        const inGroup = new Map<string, number>();
        for (const child of node.nodes) {
          const fetch = fetchOf(child);
          if (!fetch?.requires) continue;
          const key = siblingKey(fetch.serviceName, fetch.operation, fetch.operationName);
          inGroup.set(key, (inGroup.get(key) ?? 0) + 1);
        }
        for (const [key, count] of inGroup) if (count > 1) groups.set(key, [...(groups.get(key) ?? []), count]);
        return node.nodes.forEach(visit);
      }
      case 'Condition':
        visit(node.ifClause);
        return visit(node.elseClause);
      case 'Defer':
        visit(node.primary.node);
        return node.deferred.forEach((deferred) => visit(deferred.node));
      case 'Subscription':
        visit(node.primary);
        return visit(node.rest);
    }
  };
  visit(plan.node);
  const found = new Map<string, number>();
  for (const [key, counts] of groups) {
    if (counts.length === 1 && everywhere.get(key) === counts[0]) found.set(key, counts[0]!);
  }
  return found.size > 0 ? found : NONE;
}
