import { join } from 'node:path';
import { gatewaySecretEnv } from '@shopgraph/auth';
import { commonEnv, GATEWAY_PORT, portEnv, routingUrlVariable, SERVICE_NAMES, z, type ServiceName } from '@shopgraph/config';

export const DEFAULT_SUPERGRAPH_PATH = join(__dirname, '..', '..', 'schema', 'supergraph.graphql');

export const gatewayEnvSchema = z.object({
  ...commonEnv,
  ...gatewaySecretEnv,
  PORT: portEnv(GATEWAY_PORT),
  SUPERGRAPH_PATH: z.string().min(1).default(DEFAULT_SUPERGRAPH_PATH),
  ...Object.fromEntries(SERVICE_NAMES.map((name) => [routingUrlVariable(name), z.url({ protocol: /^https?$/ }).optional()])),
});
export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;

/** Routing URLs given in the environment (`USERS_URL`...), which win over the supergraph file's. */
export function subgraphUrlOverrides(env: NodeJS.ProcessEnv): Partial<Record<ServiceName, string>> {
  const overrides: Partial<Record<ServiceName, string>> = {};
  for (const name of SERVICE_NAMES) {
    const url = env[routingUrlVariable(name)];
    if (url) overrides[name] = url;
  }
  return overrides;
}
