import type { ApolloServerPlugin } from '@apollo/server';
import type { Counters } from '@shopgraph/cache';
import { Kind, type FragmentDefinitionNode } from 'graphql';
import type { GatewayContext } from '../context';
import type { GatewayMetrics } from '../observability/metrics';
import { chargeCost, type CostBudgets } from '../rate-limit/cost-budget';
import type { CostModel } from './cost-model';
import { measureOperation } from './measure-operation';
import { limitError, type OperationLimits } from './operation-limits';

export interface OperationGuardOptions {
  limits: OperationLimits;
  /** Read on every request: the supergraph's `@cost`/`@listSize` change with hot reloads. */
  costModel: () => CostModel;
  counters: Counters;
  budgets: CostBudgets;
  metrics: GatewayMetrics;
}

/**
 * Measures each operation once it is parsed and validated, before the gateway plans it: over a
 * limit it is refused whole (nothing reaches a subgraph); within them its cost is charged to the
 * client's budgets. One plugin, so the charge is only made for operations that may run.
 */
export function operationGuardPlugin(options: OperationGuardOptions): ApolloServerPlugin<GatewayContext> {
  const { limits } = options;
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, schema, request, contextValue }) {
          if (operation?.kind !== Kind.OPERATION_DEFINITION) return;
          const fragments = Object.fromEntries(
            document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
          );
          const measures = measureOperation(schema, operation, fragments, request.variables ?? {}, {
            model: options.costModel(),
            defaultListSize: limits.defaultListSize,
            maxFields: limits.maxFields,
          });
          contextValue.operationCost = measures.cost;
          const refusal = limitError(measures, limits);
          if (refusal) {
            contextValue.logger.info({ limit: refusal.extensions.limit, actual: refusal.extensions.actual }, 'operation refused: over a limit');
            throw refusal;
          }
          if (contextValue.subscriptionEvent) return;
          let rateLimited;
          try {
            rateLimited = await chargeCost(options.counters, options.budgets, contextValue.clientIp, contextValue.viewer, measures.cost);
          } catch (error) {
            // Shared counters unreachable: serve rather than refuse everyone; /ready reports Redis.
            contextValue.logger.warn({ err: error }, 'cost budget not charged: counters unavailable');
            return;
          }
          if (rateLimited) {
            options.metrics.rateLimited.inc({ limit: String(rateLimited.extensions.limit) });
            throw rateLimited;
          }
        },
      };
    },
  };
}
