import type { ApolloServerPlugin } from '@apollo/server';
import { statelessPlugin } from '@shopgraph/server';
import type { GatewayContext } from '../context';
import type { GatewayMetrics } from '../observability/metrics';

/** Counts operations sent by hash: found (hit), registered with their text, or not found (miss). */
export function persistedQueriesPlugin(metrics: GatewayMetrics): ApolloServerPlugin<GatewayContext> {
  return statelessPlugin<GatewayContext>({
    async willSendResponse({ request, metrics: requestMetrics }) {
      if (!request.extensions?.persistedQuery) return;
      const result = requestMetrics.persistedQueryHit ? 'hit' : requestMetrics.persistedQueryRegister ? 'registered' : 'miss';
      metrics.persistedQueries.inc({ result });
    },
  });
}
