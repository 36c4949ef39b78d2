import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redisAnswers } from '@shopgraph/cache';
import { freePort } from './free-port';

/**
 * A redis-server of a test's own on a free port, for tests that stop, kill or freeze Redis:
 * the shared one at 6379 is never touched.
 */
export interface OwnRedis {
  url: string;
  port: number;
  /** SIGTERM and wait for the exit (with `persist`, Redis writes its AOF first). */
  stop(): Promise<void>;
  /** SIGKILL: what a crash or an OOM kill does. */
  kill(): Promise<void>;
  /** Starts it again on the same port (and, with `persist`, the same data); resolves once it answers PING. */
  start(): Promise<void>;
  /** SIGSTOP / SIGCONT: a Redis that holds connections open but answers nothing. */
  freeze(): void;
  thaw(): void;
  /** Stops it and removes its folder. */
  destroy(): Promise<void>;
}

export interface OwnRedisOptions {
  /** appendonly yes with fsync every write, so data outlives a restart. Default: nothing is kept. */
  persist?: boolean;
}

async function waitForPing(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    if (await redisAnswers(url)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server at ${url} did not answer PING within 30 s`);
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startOwnRedis(options: OwnRedisOptions = {}): Promise<OwnRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'shopgraph-own-redis-'));
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
  args.push(...(options.persist ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']));
  let child: ChildProcess;
  const start = async () => {
    child = spawn('redis-server', args, { stdio: 'ignore' });
    await waitForPing(url, child);
  };
  const signal = async (name: NodeJS.Signals) => {
    const done = exited(child);
    child.kill(name);
    await done;
  };
  await start();
  return {
    url,
    port,
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
    start,
    freeze: () => void child.kill('SIGSTOP'),
    thaw: () => void child.kill('SIGCONT'),
    destroy: async () => {
      child.kill('SIGCONT');
      await signal('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    },
  };
}
