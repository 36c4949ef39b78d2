import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
import { supergraphForPlanner } from '../auth/security-features';
import type { OperationPlanner } from './query-planner';

/** @apollo/query-planner as @apollo/gateway drives it: the operation is read against the API schema. */
export function createApolloQueryPlanner(supergraphSdl: string): OperationPlanner {
  const supergraph = Supergraph.build(supergraphForPlanner(supergraphSdl));
  const apiSchema = supergraph.apiSchema();
  const planner = new QueryPlanner(supergraph);
  return {
    kind: 'apollo',
    plan: ({ document, operationName }) => planner.buildQueryPlan(operationFromDocument(apiSchema, document, { operationName })),
  };
}
