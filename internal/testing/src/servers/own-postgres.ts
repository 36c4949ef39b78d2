import { execFile } from 'node:child_process';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const run = promisify(execFile);

/** POSTGRES_BIN_DIR, else the newest Debian/Ubuntu install (/usr/lib/postgresql/<major>/bin), whichever major CI has. */
function postgresBinDir(): string {
  if (process.env.POSTGRES_BIN_DIR) return process.env.POSTGRES_BIN_DIR;
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'initdb'))) : [];
  const newest = majors.sort((a, b) => Number(b) - Number(a))[0];
  return join(root, newest ?? '15', 'bin');
}
const BIN_DIR = postgresBinDir();

export type PostgresStopMode = 'smart' | 'fast' | 'immediate';

/**
 * A PostgreSQL cluster of a test's own, under a temporary folder, for tests that stop, kill or
 * restart the database: the shared server at 5432 is never touched. PostgreSQL refuses to run
 * as root, so when the tests run as root the cluster belongs to the `postgres` user.
 */
export interface OwnPostgres {
  /** postgres://postgres@127.0.0.1:PORT/postgres, valid across restarts (same port). */
  url: string;
  port: number;
  dataDir: string;
  /** pg_ctl stop -m MODE: 'immediate' is a crash, 'fast' a routine restart's first half. */
  stop(mode?: PostgresStopMode): Promise<void>;
  /** Starts it again on the same port and data; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  destroy(): Promise<void>;
}

const asRoot = () => process.getuid?.() === 0;

async function asPostgresUser(command: string, args: string[]): Promise<void> {
  const binary = join(BIN_DIR, command);
  if (asRoot()) await run('runuser', ['-u', 'postgres', '--', binary, ...args]);
  else await run(binary, args);
}

/** initdb in a new temporary folder, then start on a free port. */
export async function startOwnPostgres(): Promise<OwnPostgres> {
  if (!existsSync(join(BIN_DIR, 'initdb'))) throw new Error(`No PostgreSQL tools in ${BIN_DIR} (apt-get install postgresql, or set POSTGRES_BIN_DIR)`);
  const root = await mkdtemp(join(tmpdir(), 'shopgraph-own-pg-'));
  const dataDir = join(root, 'data');
  if (asRoot()) await run('chown', ['postgres:postgres', root]).catch(() => chown(root, 101, 104));
  await asPostgresUser('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${root} -c fsync=off -c max_connections=200`;
  const logFile = join(root, 'postgres.log');
  const start = () => asPostgresUser('pg_ctl', ['start', '-D', dataDir, '-w', '-t', '60', '-l', logFile, '-o', options]);
  const stop = async (mode: PostgresStopMode = 'fast') => {
    await asPostgresUser('pg_ctl', ['stop', '-D', dataDir, '-w', '-t', '60', '-m', mode]).catch((error: Error) => {
      // Already stopped: nothing to do.
      if (!/not running|No such process|does not exist/i.test(String((error as { stderr?: string }).stderr ?? error.message))) throw error;
    });
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    stop,
    start,
    destroy: async () => {
      await stop('immediate');
      await rm(root, { recursive: true, force: true });
    },
  };
}
