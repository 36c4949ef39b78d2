import { serviceEnvSchema } from '@shopgraph/server';

/**
 * The reviews subgraph's environment: every subgraph's variables (port, database, Redis, gateway
 * secret, peers, runtime files, RUN_MIGRATIONS; defaults in packages/server and packages/config).
 * It has no settings of its own yet; they would go here, as orders' do.
 */
export const reviewsEnvSchema = serviceEnvSchema('reviews');
