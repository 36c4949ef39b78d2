import type { ApolloServerPlugin } from '@apollo/server';
import { statelessPlugin } from '@shopgraph/server';
import type { Counters } from '@shopgraph/cache';
import { Kind, type OperationDefinitionNode } from 'graphql';
import { onceEvery } from '@shopgraph/logging';
import type { GatewayContext } from '../context';
import type { GatewayMetrics } from '../observability/metrics';
import { chargeCost, type CostBudgets } from '../rate-limit/cost-budget';
import { fragmentsOf, PerNodeMemo } from '../operation-memo';
import type { CostModel } from '../limits/cost-model';
import { measureOperation, type OperationMeasures } from '../limits/measure-operation';
import { limitError, type OperationLimits } from '../limits/operation-limits';

export interface OperationGuardOptions {
  limits: OperationLimits;
  /** Read on every request: the supergraph's `@cost`/`@listSize` change with hot reloads. */
  costModel: () => CostModel;
  counters: Counters;
  budgets: CostBudgets;
  metrics: GatewayMetrics;
}

const MEASURES_PER_OPERATION = 256;
const MAX_VARIABLES_KEY = 1_024;

/**
 * Measures each operation once it is parsed and validated, before the gateway plans it: over a
 * limit it is refused whole (nothing reaches a subgraph); within them its cost is charged to the
 * client's budgets. One plugin, so the charge is only made for operations that may run.
 */
export function operationGuardPlugin(options: OperationGuardOptions): ApolloServerPlugin<GatewayContext> {
  const { limits } = options;
  // Measures depend on the operation, its variables (page sizes) and the cost model alone: kept per
  // operation node and variables, for each model (a reload brings a new one).
  const memos = new WeakMap<CostModel, PerNodeMemo<OperationDefinitionNode, OperationMeasures>>();
  // While Redis is down every operation lands here: one line per 10 s, not one per request.
  const reportUncharged = onceEvery(10_000);
  const charge = async (contextValue: GatewayContext, cost: number): Promise<void> => {
    let rateLimited;
    try {
      rateLimited = await chargeCost(options.counters, options.budgets, contextValue.clientIp, contextValue.viewer, cost);
    } catch (error) {
      // Shared counters unreachable: serve rather than refuse everyone; /ready reports Redis.
      reportUncharged((leftOut) => contextValue.logger.warn({ err: error, leftOut }, 'cost budget not charged: counters unavailable'));
      return;
    }
    if (rateLimited) {
      options.metrics.rateLimited.inc({ limit: String(rateLimited.extensions.limit) });
      throw rateLimited;
    }
  };
  return statelessPlugin<GatewayContext>({
    // Not async on purpose: a refusal is thrown synchronously. Apollo Server calls every
    // plugin's didResolveOperation in one `map` inside its try, so a synchronous throw also keeps
    // the plugins after this one (authorization's walk, the plan-cache key) from running on an
    // operation that will never execute; a rejected promise would let them expand it first.
    didResolveOperation({ operation, document, schema, request, contextValue }) {
      if (operation?.kind !== Kind.OPERATION_DEFINITION) return Promise.resolve();
      const model = options.costModel();
      const variables = request.variables ?? {};
      // Inline thunks, not a named const: the bundle keeps function names (keepNames) by renaming
      // each named closure with Object.defineProperty, on every request here.
      const measuring = { model, defaultListSize: limits.defaultListSize };
      const variablesKey = JSON.stringify(variables);
      let memo = memos.get(model);
      if (!memo) memos.set(model, (memo = new PerNodeMemo(MEASURES_PER_OPERATION)));
      // Large variables (a mutation's input) are measured afresh rather than kept as a key.
      const measures =
        variablesKey.length <= MAX_VARIABLES_KEY
          ? memo.get(operation, variablesKey, () => measureOperation(schema, operation, fragmentsOf(document), variables, measuring))
          : measureOperation(schema, operation, fragmentsOf(document), variables, measuring);
      contextValue.operationCost = measures.cost;
      const refusal = limitError(measures, limits);
      if (refusal) {
        contextValue.logger.info({ limit: refusal.extensions.limit, actual: refusal.extensions.actual }, 'operation refused: over a limit');
        throw refusal;
      }
      return contextValue.subscriptionEvent ? Promise.resolve() : charge(contextValue, measures.cost);
    },
  });
}
