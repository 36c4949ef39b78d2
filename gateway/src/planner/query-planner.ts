import type { QueryPlan } from '@apollo/query-planner';
import type { DocumentNode } from 'graphql';
import { createApolloQueryPlanner } from './apollo-query-planner';
import { createHiveQueryPlanner } from './hive-query-planner';

/**
 * Which planner turns an operation into subgraph fetches: `apollo` is @apollo/query-planner (what
 * @apollo/gateway runs today), `hive` is Hive Router's, in Rust, loaded as an N-API addon.
 */
export type QueryPlannerKind = 'apollo' | 'hive';

export const QUERY_PLANNER_KINDS: readonly QueryPlannerKind[] = ['apollo', 'hive'];

export interface OperationToPlan {
  document: DocumentNode;
  /** Which of the document's operations; needed only when it holds more than one. */
  operationName?: string;
}

/**
 * A planner over one supergraph. Both kinds return Apollo's `QueryPlan`: it is what
 * @apollo/gateway's executor runs and what our own code already walks (fetch/merge/), so a plan
 * from either planner can go the same way. Hive's plans are converted (hive-plan-to-apollo.ts).
 */
export interface OperationPlanner {
  readonly kind: QueryPlannerKind;
  /** Throws when the operation is invalid against the supergraph's API schema or cannot be planned. */
  plan(operation: OperationToPlan): QueryPlan;
}

/** A planner of that kind over the supergraph SDL as composed (the committed file's text will do). */
export function createQueryPlanner(kind: QueryPlannerKind, supergraphSdl: string): OperationPlanner {
  return kind === 'hive' ? createHiveQueryPlanner(supergraphSdl) : createApolloQueryPlanner(supergraphSdl);
}
