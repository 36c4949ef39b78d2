export { startAnalyticsService as startService } from './service';
export { buildSubgraph } from './server';
export { analyticsEnvSchema as envSchema } from './env';
export { ANALYTICS_GROUP } from './events/analytics-consumer';
export { demoHistoryEvents } from './demo/demo-events';
