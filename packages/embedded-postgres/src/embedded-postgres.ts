import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { chmod, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  initialiseCluster,
  othersCanReach,
  postgresBinaries,
  postgresUser,
  reachableBinaries,
  runAsPostgres,
  POSTGRES_ENV,
  type PostgresUser,
} from './binaries';

export const EMBEDDED_POSTGRES_PORT = 54329;

export interface EmbeddedPostgresServer {
  url: string;
  /** Where the data is: the folder asked for, or (as root, when the postgres user cannot enter it) a stand-in under /var/tmp. */
  dataDir: string;
  /** Fast shutdown (SIGINT to the server: clients disconnected, data checkpointed); resolves once it exited. */
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  port?: number;
  /**
   * Runs the server in a process group of its own. A terminal's Ctrl-C signals its whole foreground
   * group; detached, PostgreSQL does not get it, so the caller can stop its services first and
   * PostgreSQL last. The caller must then stop it (stop(), or this process's exit does).
   */
  detached?: boolean;
}

const READY = 'database system is ready to accept connections';

/**
 * A real PostgreSQL from the embedded-postgres package's binaries, its data in `dataDir` so the
 * shop survives restarts. Only used when no DATABASE_URL is given.
 */
export async function startEmbeddedPostgres(requestedDir: string, options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgresServer> {
  const port = options.port ?? EMBEDDED_POSTGRES_PORT;
  const user = await postgresUser();
  const dataDir = await reachableDataDir(requestedDir, user);
  await mkdir(dataDir, { recursive: true });
  // As root the server runs as the postgres user, which must be able to enter the folder.
  if (user) await chmod(dataDir, 0o755);
  const pgData = join(dataDir, 'pgdata');
  const binaries = await reachableBinaries(await postgresBinaries(), user);
  if (!existsSync(join(pgData, 'PG_VERSION'))) await initialiseCluster(binaries, pgData, user);
  // A server whose parent was killed (SIGKILL, or tsx watch after its grace period) outlives it
  // when detached, and holds the data folder: stop it, or this start fails on its lock file.
  if (existsSync(join(pgData, 'postmaster.pid'))) await runAsPostgres(binaries.pg_ctl, ['stop', '-D', pgData, '-m', 'fast', '-w'], user).catch(() => undefined);
  const server = spawn(binaries.postgres, ['-D', pgData, '-p', String(port)], {
    ...user,
    env: { ...process.env, ...POSTGRES_ENV },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: options.detached === true,
  });
  await untilReady(server);
  // Drained from here on: a full pipe would block the server's logging.
  server.stderr!.resume();
  // Should this process end without stop() (process.exit after a fatal error), the server still goes.
  const stopOnExit = () => server.kill('SIGINT');
  process.once('exit', stopOnExit);
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    dataDir,
    stop: async () => {
      process.removeListener('exit', stopOnExit);
      if (server.exitCode !== null || server.signalCode !== null) return;
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGINT');
      await exited;
    },
  };
}

function untilReady(server: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8_000);
      if (!output.includes(READY)) return;
      cleanup();
      resolve();
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      cleanup();
      reject(new Error(`PostgreSQL exited (${code ?? signal}) before it accepted connections:\n${output}`));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      server.stderr!.off('data', onData);
      server.off('exit', onExit);
      server.off('error', onError);
    };
    server.stderr!.on('data', onData);
    server.once('exit', onExit);
    server.once('error', onError);
  });
}

/**
 * As root the server runs as the postgres user, which must enter every folder above its data. A
 * checkout under /root (0700 on Debian) or in a mktemp -d folder keeps it out: the data then lives
 * in a folder of its own under /var/tmp (kept across reboots), one per requested folder.
 */
async function reachableDataDir(requested: string, user: PostgresUser): Promise<string> {
  await mkdir(dirname(requested), { recursive: true });
  if (!user || (await othersCanReach(requested))) return requested;
  return join('/var/tmp', `shopgraph-postgres-${createHash('sha256').update(requested).digest('hex').slice(0, 12)}`);
}
