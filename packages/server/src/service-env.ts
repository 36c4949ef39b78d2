import { gatewaySecretEnv } from '@shopgraph/auth';
import { commonEnv, databaseEnv, portEnv, serviceDatabaseUrl, SERVICE_PORTS, z, type ServiceName } from '@shopgraph/config';

/** Environment of one subgraph process. */
export function serviceEnvSchema(name: ServiceName) {
  return z.object({ ...commonEnv, ...databaseEnv, ...gatewaySecretEnv, PORT: portEnv(SERVICE_PORTS[name]) });
}
export type ServiceEnv = z.infer<ReturnType<typeof serviceEnvSchema>>;

export function databaseUrlFor(name: ServiceName, env: ServiceEnv, raw: NodeJS.ProcessEnv = process.env): string {
  return serviceDatabaseUrl(name, env.DATABASE_URL, env.DATABASE_PREFIX, raw);
}
