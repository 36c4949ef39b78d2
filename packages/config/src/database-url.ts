import { databaseUrlVariable, type ServiceName } from './services';

export const DEFAULT_DATABASE_PREFIX = 'shopgraph';

/**
 * The database a subgraph uses: `<prefix>_<service>` on the server named by `DATABASE_URL`,
 * unless `<SERVICE>_DATABASE_URL` names one outright. One server, one database per service.
 */
export function serviceDatabaseUrl(
  service: ServiceName,
  serverUrl: string,
  prefix: string = DEFAULT_DATABASE_PREFIX,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const override = env[databaseUrlVariable(service)];
  if (override) return override;
  return withDatabaseName(serverUrl, `${prefix}_${service}`);
}

export function withDatabaseName(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}
