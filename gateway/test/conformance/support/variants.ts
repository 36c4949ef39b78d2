/** One way of running the gateway; every conformance case runs once per variant. */
export interface ConformanceVariant {
  name: string;
  /**
   * Spread into startGateway's options. A spread of a variable, so fields GatewayDeps does not
   * have yet (`engine`, `queryPlanner`) pass TypeScript's excess-property check until they exist.
   */
  options: Record<string, string>;
}

// The new executor adds { engine: 'shopgraph', queryPlanner: 'apollo' } and { engine: 'shopgraph', queryPlanner: 'hive' }.
export const CONFORMANCE_VARIANTS: ConformanceVariant[] = [{ name: 'apollo engine', options: {} }];

/** Today's engine: stock @apollo/gateway execution. Cases it is known to get wrong are `test.failing` on it only. */
export const isStockEngine = (variant: ConformanceVariant): boolean => variant.options.engine === undefined || variant.options.engine === 'apollo';

/** `test.failing` on the stock engine (the case states what it gets wrong), plain `test` on every other. */
export const testFailingOnStock = (variant: ConformanceVariant): jest.It => (isStockEngine(variant) ? test.failing : test);
