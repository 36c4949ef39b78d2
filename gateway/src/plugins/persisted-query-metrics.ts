import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context';
import type { GatewayMetrics } from '../observability/metrics';

/** Counts operations sent by hash: found (hit), registered with their text, or not found (miss). */
export function persistedQueriesPlugin(metrics: GatewayMetrics): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, metrics: requestMetrics }) {
          if (!request.extensions?.persistedQuery) return;
          const result = requestMetrics.persistedQueryHit ? 'hit' : requestMetrics.persistedQueryRegister ? 'registered' : 'miss';
          metrics.persistedQueries.inc({ result });
        },
      };
    },
  };
}
