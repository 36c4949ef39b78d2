import type { GatewayExecutionResult, GatewayExecutor, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import type { Viewer } from '@shopgraph/auth';
import { answersAlike } from '../auth/answers-alike';
import { markDataShared } from './shared-response-text';

interface SharedRun {
  result: GatewayExecutionResult;
  /** The leader's overall cache policy after its subgraph calls restricted it. */
  maxAge: number | undefined;
  scope: 'PUBLIC' | 'PRIVATE' | undefined;
}

/**
 * Identical anonymous queries in flight at the same time (same plan key, operation name and
 * variables) run once: the first runs the plan, the others wait for its result, as identical
 * anonymous subgraph calls already share one call. Everything before execution still runs for
 * each request (limits, cost budgets, rate limits, authorization), and everything after it too
 * (error masking with each request's own id, status codes, redaction's errors), so only the plan's
 * fetches and the response's writing are shared. The result is read, never changed, by what
 * follows (the redaction filling it is idempotent); each follower's cache policy is restricted
 * by the leader's, so its Cache-Control header is the same.
 */
export function shareIdenticalExecutions(execute: GatewayExecutor): GatewayExecutor {
  const inFlight = new Map<string, Promise<SharedRun>>();
  return async (requestContext) => {
    if (!answersAlike(requestContext.operation, requestContext.context as { viewer?: Viewer })) return execute(requestContext);
    const key = `${requestContext.queryHash}\u0000${requestContext.operationName ?? ''}\u0000${JSON.stringify(requestContext.request.variables ?? null)}`;
    const running = inFlight.get(key);
    if (running) {
      const shared = await running;
      requestContext.overallCachePolicy.restrict({ maxAge: shared.maxAge, scope: shared.scope });
      markDataShared(shared.result.data);
      return shared.result;
    }
    const run = leadRun(execute, requestContext);
    inFlight.set(key, run);
    try {
      return (await run).result;
    } finally {
      inFlight.delete(key);
    }
  };
}

async function leadRun(execute: GatewayExecutor, requestContext: GatewayGraphQLRequestContext): Promise<SharedRun> {
  const result = await execute(requestContext);
  const { maxAge, scope } = requestContext.overallCachePolicy;
  return { result, maxAge, scope };
}
