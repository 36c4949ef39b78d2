import { z } from 'zod';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; every bad variable is named in one error, not just the first. */
export function parseEnv<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv = process.env): z.infer<T> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.join('.') || '(environment)';
    const value = issue.path.length === 1 ? env[String(issue.path[0])] : undefined;
    const shown = value === undefined ? 'unset' : JSON.stringify(value);
    return `${variable} (${shown}): ${issue.message}`;
  });
  throw new ConfigError(problems);
}

/** For a process entry point: prints what is wrong with the environment and exits 1. */
export function parseEnvOrExit<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv = process.env): z.infer<T> {
  try {
    return parseEnv(schema, env);
  } catch (error) {
    if (writeConfigError(error)) process.exit(1);
    throw error;
  }
}

/**
 * Writes a ConfigError's problems to stderr, without a stack: they are the operator's to fix, not a
 * bug. False for any other error, which the caller logs as it would.
 */
export function writeConfigError(error: unknown): error is ConfigError {
  if (!(error instanceof ConfigError)) return false;
  process.stderr.write(`${error.message}\n`);
  return true;
}

const booleanText = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((value) => value === 'true' || value === '1' || value === 'yes');

/** Env pieces every deployable shares. */
export const commonEnv = {
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Unset: chosen by createLogger (@shopgraph/logging), pretty on a terminal outside production and test. */
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
};

/** Each subgraph's PostgreSQL pool, in one place: the env schema's defaults and openServiceDatabase's. */
export const DATABASE_DEFAULTS = {
  /** Connections per pool. */
  poolMax: 10,
  /** Sent as each session's statement_timeout: a statement running longer is cancelled. */
  statementTimeoutMs: 10_000,
} as const;

export const databaseEnv = {
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  DATABASE_PREFIX: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,40}$/, 'lower-case letters, digits and _ only')
    .default('shopgraph'),
  SEED_DEMO_DATA: booleanText.default(true),
  /** Connections per subgraph pool; replicas × subgraphs × this must stay under Postgres's max_connections. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(DATABASE_DEFAULTS.poolMax),
};

export const portEnv = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

export { booleanText, z };
