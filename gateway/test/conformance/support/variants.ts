import type { GatewayRuntimeOptions } from '../../../src/start-gateway';

/** One way of running the gateway; every conformance case runs once per variant. */
export interface ConformanceVariant {
  name: string;
  /** Spread into startGateway's options. */
  options: Pick<GatewayRuntimeOptions, 'engine' | 'queryPlanner'>;
}

/** Our engine on each planner, and stock @apollo/gateway's engine to compare with. */
export const CONFORMANCE_VARIANTS: ConformanceVariant[] = [
  { name: 'our engine, Apollo planner', options: { engine: 'shopgraph', queryPlanner: 'apollo' } },
  { name: 'our engine, Hive planner', options: { engine: 'shopgraph', queryPlanner: 'hive' } },
  { name: 'apollo engine', options: { engine: 'apollo' } },
];

/** Stock @apollo/gateway execution. Cases it is known to get wrong are `test.failing` on it only. */
export const isStockEngine = (variant: ConformanceVariant): boolean => variant.options.engine === 'apollo';

/** `test.failing` on the stock engine (the case states what it gets wrong), plain `test` on every other. */
export const testFailingOnStock = (variant: ConformanceVariant): jest.It => (isStockEngine(variant) ? test.failing : test);

/**
 * `test.failing` where Apollo's query planner plans (our engine on it, and stock's engine, which
 * always uses it); the case states what those plans get wrong.
 */
export const testFailingOnApolloPlanner = (variant: ConformanceVariant): jest.It =>
  isStockEngine(variant) || variant.options.queryPlanner === 'apollo' ? test.failing : test;
