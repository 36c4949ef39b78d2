export { startProductsService as startService } from './service';
export { buildSubgraph } from './server';
export { productsEnvSchema as envSchema } from './env';
