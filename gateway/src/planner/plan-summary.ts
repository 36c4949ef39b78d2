import type { PlanNode, QueryPlan, SubscriptionNode } from '@apollo/query-planner';

/**
 * What a plan fetches from which subgraph and in what order, without the operation texts: a fetch
 * is `service` (at the root) or `service path.@.to` (an entity fetch), nested steps of one kind are
 * flattened, one-step groups unwrapped and parallel steps sorted, so plans that run the same fetches
 * the same way have equal summaries whichever planner made them.
 */
export type PlanSummary =
  | string
  | { sequence: PlanSummary[] }
  | { parallel: PlanSummary[] }
  | { if: string; then?: PlanSummary; else?: PlanSummary }
  | { defer: PlanSummary[] }
  | { subscription: PlanSummary; rest?: PlanSummary };

export function summarisePlan(plan: QueryPlan): PlanSummary | undefined {
  return plan.node && summarise(plan.node);
}

function summarise(node: PlanNode | SubscriptionNode, path: readonly (string | number)[] = []): PlanSummary {
  switch (node.kind) {
    case 'Fetch':
      return path.length ? `${node.serviceName} ${path.join('.')}` : node.serviceName;
    case 'Flatten':
      return summarise(node.node, [...path, ...node.path]);
    case 'Sequence':
      return group(
        'sequence',
        node.nodes.map((child) => summarise(child, path)),
      );
    case 'Parallel':
      return group(
        'parallel',
        node.nodes.map((child) => summarise(child, path)),
      );
    case 'Condition':
      return {
        if: node.condition,
        ...(node.ifClause ? { then: summarise(node.ifClause, path) } : {}),
        ...(node.elseClause ? { else: summarise(node.elseClause, path) } : {}),
      };
    case 'Defer':
      return { defer: [node.primary.node, ...node.deferred.map((deferred) => deferred.node)].flatMap((child) => (child ? [summarise(child, path)] : [])) };
    case 'Subscription':
      return { subscription: summarise(node.primary), ...(node.rest ? { rest: summarise(node.rest) } : {}) };
  }
}

function group(kind: 'sequence' | 'parallel', steps: PlanSummary[]): PlanSummary {
  const flat = steps.flatMap((step) => (typeof step === 'object' && kind in step ? (step as Record<typeof kind, PlanSummary[]>)[kind] : [step]));
  if (flat.length === 1) return flat[0]!;
  return kind === 'sequence' ? { sequence: flat } : { parallel: flat.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) };
}
