import type { RequestScoped } from '@shopgraph/server';

export type GatewayContext = RequestScoped;
