import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';

/**
 * A subgraph's error as the client sees it, as @apollo/gateway maps it: its message and extensions,
 * `serviceName` added, DOWNSTREAM_SERVICE_ERROR when it had no code, and its path moved from the
 * subgraph's operation to the client's response (an `_entities.3` error to the entity's own path).
 */
export function downstreamError(
  error: GraphQLFormattedError,
  serviceName: string,
  fetchPath: readonly (string | number)[],
  pathOfEntity: ((index: number) => (string | number)[] | undefined) | undefined,
): GraphQLError {
  const extensions = { ...error.extensions, serviceName, code: error.extensions?.code ?? 'DOWNSTREAM_SERVICE_ERROR' };
  const message = error.message || `Error while fetching subquery from service "${serviceName}"`;
  return new GraphQLError(message, { path: responsePathOf(error.path, fetchPath, pathOfEntity), extensions });
}

function responsePathOf(
  path: readonly (string | number)[] | undefined,
  fetchPath: readonly (string | number)[],
  pathOfEntity: ((index: number) => (string | number)[] | undefined) | undefined,
): (string | number)[] | undefined {
  if (!path) return undefined;
  if (pathOfEntity && path[0] === '_entities' && typeof path[1] === 'number') return [...(pathOfEntity(path[1]) ?? []), ...path.slice(2)];
  return [...fetchPath.filter((step) => typeof step === 'number' || (step !== '@' && !String(step).startsWith('... on '))), ...path];
}

/** A fetch that threw (the subgraph unreachable, timed out, answering non-JSON): an error of the whole fetch. */
export function fetchFailure(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  const message = error instanceof Error ? error.message : String(error);
  // No code: Apollo Server gives it INTERNAL_SERVER_ERROR and our error masking hides the message, as for stock.
  return new GraphQLError(message, { originalError: error instanceof Error ? error : undefined });
}
