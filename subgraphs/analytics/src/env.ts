import { serviceEnvSchema } from '@shopgraph/server';

/**
 * The analytics subgraph's environment: every subgraph's variables (port, database, Redis, gateway
 * secret, peers, runtime files, RUN_MIGRATIONS; defaults in packages/server and packages/config).
 * How far back a rebuild reaches is the event bus's retention, not a setting of its own.
 */
export const analyticsEnvSchema = serviceEnvSchema('analytics');
