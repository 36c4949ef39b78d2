import type { RequestScoped } from '@shopgraph/server';

export interface GatewayContext extends RequestScoped {
  /** Rate limits key on it. */
  clientIp: string;
}
