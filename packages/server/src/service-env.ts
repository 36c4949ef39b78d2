import { gatewaySecretEnv } from '@shopgraph/auth';
import {
  booleanText,
  commonEnv,
  databaseEnv,
  localRoutingUrl,
  portEnv,
  routingUrlVariable,
  serviceDatabaseUrl,
  SERVICE_NAMES,
  SERVICE_PORTS,
  z,
  type ServiceName,
} from '@shopgraph/config';
import { runtimeFilesEnv } from './runtime-files';

/** USERS_URL, PRODUCTS_URL...: where a subgraph reaches its peers (the same variables route the gateway). */
const peerUrlEnv = Object.fromEntries(SERVICE_NAMES.map((name) => [routingUrlVariable(name), z.url().optional()])) as Record<
  `${Uppercase<ServiceName>}_URL`,
  z.ZodOptional<z.ZodURL>
>;

/** Environment of one subgraph process. */
export function serviceEnvSchema(name: ServiceName) {
  return z.object({
    ...commonEnv,
    ...databaseEnv,
    ...gatewaySecretEnv,
    ...peerUrlEnv,
    ...runtimeFilesEnv,
    PORT: portEnv(SERVICE_PORTS[name]),
    /** false when a release job or init container runs `node migrate.js`: the service then only checks the migrations are in. */
    RUN_MIGRATIONS: booleanText.default(true),
  });
}
export type ServiceEnv = z.infer<ReturnType<typeof serviceEnvSchema>>;

export function databaseUrlFor(name: ServiceName, env: ServiceEnv, raw: NodeJS.ProcessEnv = process.env): string {
  return serviceDatabaseUrl(name, env.DATABASE_URL, env.DATABASE_PREFIX, raw);
}

/** Each peer's URL: its variable when set, else its standard local port. */
export function peerUrlsFrom(env: ServiceEnv): Record<ServiceName, string> {
  const byVariable = env as unknown as Record<string, string | undefined>;
  return Object.fromEntries(SERVICE_NAMES.map((name) => [name, byVariable[routingUrlVariable(name)] ?? localRoutingUrl(name)])) as Record<ServiceName, string>;
}
