export { startInventoryService as startService } from './service';
export { buildSubgraph } from './server';
export { inventoryEnvSchema as envSchema } from './env';
