export { startReviewsService as startService } from './service';
export { buildSubgraph } from './server';
export { reviewsEnvSchema as envSchema } from './env';
