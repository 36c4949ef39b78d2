import type { Viewer } from '@shopgraph/auth';

/**
 * Whether an operation's answer is the same for everyone who sends it: a query of the anonymous
 * viewer. Only those may share a subgraph call (fetch/subgraph-data-source.ts) or a whole
 * execution (engine/shared-executions.ts); a signed-in viewer's never do, nor does a mutation.
 */
export function answersAlike(operation: { operation?: string } | undefined, context: { viewer?: Viewer } | undefined): boolean {
  const viewer = context?.viewer;
  return operation?.operation === 'query' && viewer !== undefined && viewer.id === null && viewer.roles.length === 0;
}
