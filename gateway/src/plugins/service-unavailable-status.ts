import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode, statelessPlugin } from '@shopgraph/server';
import type { GatewayContext } from '../context';

/** Retry-After when no error names a time of its own. */
const DEFAULT_RETRY_AFTER_SECONDS = 1;

const answeredNothing = (data: Record<string, unknown> | null | undefined) => !data || Object.values(data).every((value) => value === null);

/**
 * An operation that could not be served at all because a dependency is down (a subgraph said
 * SERVICE_UNAVAILABLE, or the gateway did) answers 503 with Retry-After, the longest any error
 * asked for, so clients and load balancers back off instead of seeing a 200 or a masked 500.
 * Partial answers stay 200: what was served is worth having.
 */
export function serviceUnavailableStatusPlugin(): ApolloServerPlugin<GatewayContext> {
  return statelessPlugin<GatewayContext>({
    async willSendResponse({ response }) {
      if (response.body.kind !== 'single') return;
      const { errors, data } = response.body.singleResult;
      const unavailable = (errors ?? []).filter((error) => error.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE);
      if (unavailable.length === 0 || !answeredNothing(data)) return;
      const retryAfter = Math.max(...unavailable.map((error) => Number(error.extensions?.retryAfterSeconds) || DEFAULT_RETRY_AFTER_SECONDS));
      response.http.status = 503;
      response.http.headers.set('retry-after', String(retryAfter));
    },
  });
}
