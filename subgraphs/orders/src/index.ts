export { startOrdersService as startService } from './service';
export { buildSubgraph } from './server';
export { ordersEnvSchema as envSchema } from './env';
