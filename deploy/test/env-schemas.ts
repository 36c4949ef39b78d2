import { serviceEnvSchema } from '@shopgraph/server';
import type { ServiceName } from '@shopgraph/config';
import { gatewayEnvSchema } from '@shopgraph/gateway/src/env';
import { usersEnvSchema } from '@shopgraph/users/src/env';

type Deployable = ServiceName | 'gateway';

/** The env schemas a deployable parses at start: every subgraph's, and a subgraph's own beside it. */
export function envSchemasOf(name: Deployable) {
  if (name === 'gateway') return [gatewayEnvSchema];
  return name === 'users' ? [serviceEnvSchema(name), usersEnvSchema] : [serviceEnvSchema(name)];
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
