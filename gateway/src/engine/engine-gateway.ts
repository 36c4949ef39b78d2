import type { ApolloGateway } from '@apollo/gateway';
import type { GatewayInterface, GatewayLoadResult, GatewaySchemaLoadOrUpdateCallback } from '@apollo/server-gateway-interface';
import type { PlanExecutor } from './plan-executor';
import { shareIdenticalExecutions } from './shared-executions';

/** Which engine runs the query plans: ours (engine/), or @apollo/gateway's own executor. */
export type GatewayEngine = 'shopgraph' | 'apollo';
export const GATEWAY_ENGINES: readonly GatewayEngine[] = ['shopgraph', 'apollo'];

/**
 * @apollo/gateway as Apollo Server sees it, with our executor in place of its own: it still loads
 * and hot-reloads the supergraph and builds the data sources; each new supergraph reaches our
 * executor before Apollo Server runs an operation against it. Identical anonymous queries in
 * flight at once run once (shared-executions.ts).
 */
export function withEngine(gateway: ApolloGateway, executor: PlanExecutor): GatewayInterface {
  gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => executor.update(apiSchema, coreSupergraphSdl));
  return {
    async load(options): Promise<GatewayLoadResult> {
      await gateway.load(options);
      return { executor: shareIdenticalExecutions(executor.execute) };
    },
    onSchemaLoadOrUpdate: (callback: GatewaySchemaLoadOrUpdateCallback) => gateway.onSchemaLoadOrUpdate(callback),
    stop: () => gateway.stop(),
  };
}
