import type { ServiceName } from '@shopgraph/config';
import { envSchema as analyticsEnvSchema } from '@shopgraph/analytics';
import { gatewayEnvSchema } from '@shopgraph/gateway';
import { envSchema as inventoryEnvSchema } from '@shopgraph/inventory';
import { envSchema as ordersEnvSchema } from '@shopgraph/orders';
import { envSchema as productsEnvSchema } from '@shopgraph/products';
import { envSchema as reviewsEnvSchema } from '@shopgraph/reviews';
import { envSchema as usersEnvSchema } from '@shopgraph/users';

type Deployable = ServiceName | 'gateway';

/** The env schema each deployable's main parses at start (its env.ts). */
const ENV_SCHEMAS = {
  gateway: gatewayEnvSchema,
  users: usersEnvSchema,
  products: productsEnvSchema,
  orders: ordersEnvSchema,
  inventory: inventoryEnvSchema,
  reviews: reviewsEnvSchema,
  analytics: analyticsEnvSchema,
} as const;

/** The env schemas a deployable parses at start. */
export function envSchemasOf(name: Deployable) {
  return [ENV_SCHEMAS[name]];
}

/** Every variable a deployable reads. */
export const variablesOf = (name: Deployable): string[] => envSchemasOf(name).flatMap((schema) => Object.keys(schema.shape));

/** The variables (paths) whose values a deployable would refuse at start. */
export function envProblemsOf(name: Deployable, values: Record<string, string> | undefined): string[] {
  return envSchemasOf(name).flatMap((schema) => {
    const parsed = schema.safeParse(values);
    return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'));
  });
}

/**
 * The variables that carry credentials. Kubernetes takes every one a deployable reads from the
 * Secret (the example overlay's secrets.env.example names them all), never from a literal value;
 * a new credential is added here, and the tests then ask for it everywhere it is read.
 */
export const SECRET_VARIABLES = [
  'DATABASE_URL',
  'REDIS_URL',
  'GATEWAY_SHARED_SECRET',
  'GATEWAY_SHARED_SECRET_ALSO_ACCEPTED',
  'USERS_KEY_ENCRYPTION_KEYS',
  'SMTP_URL',
] as const;

/** The credentials a deployable reads. */
export const secretsOf = (name: Deployable): string[] => SECRET_VARIABLES.filter((variable) => variablesOf(name).includes(variable));
