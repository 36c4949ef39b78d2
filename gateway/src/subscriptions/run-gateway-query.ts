import type { Viewer } from '@shopgraph/auth';
import type { Logger } from '@shopgraph/logging';
import type { BuiltGateway } from '../server';
import type { QueryResult } from './subscription-resolvers';

/**
 * Runs a query through the gateway's whole pipeline (authorization, the query planner, signed
 * subgraph fetches) as the subscriber, as if it had arrived over HTTP.
 */
export async function runGatewayQuery(
  built: BuiltGateway,
  viewer: Viewer,
  request: { requestId: string; clientIp: string; subscriptionEvent?: boolean },
  query: string,
  variables: Record<string, unknown>,
  logger: Logger,
): Promise<QueryResult> {
  const response = await built.apollo.executeOperation(
    { query, variables },
    {
      contextValue: {
        requestId: request.requestId,
        clientIp: request.clientIp,
        traceHeaders: {},
        subscriptionEvent: request.subscriptionEvent,
        logger: logger.child({ requestId: request.requestId }),
        viewer,
      },
    },
  );
  if (response.body.kind !== 'single') throw new Error('a subscription query answered incrementally');
  return response.body.singleResult as QueryResult;
}
