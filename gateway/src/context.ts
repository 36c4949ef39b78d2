import type { RequestScoped } from '@shopgraph/server';

export interface GatewayContext extends RequestScoped {
  /** Rate limits key on it. */
  clientIp: string;
  /** W3C trace context the client sent (`traceparent`, `tracestate`), passed on to every subgraph call. */
  traceHeaders: Record<string, string>;
  /**
   * A query a subscription runs for one event: its subscriber's subscription was charged when it
   * started, so its events are not charged again to the cost budgets.
   */
  subscriptionEvent?: boolean;
  /** The operation's estimated cost, once the operation guard has measured it. */
  operationCost?: number;
}
