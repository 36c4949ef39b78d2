import { fork, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface Child<TReady> {
  child: ChildProcess;
  pid: number;
  ready: TReady;
  ask<T>(type: string, extra?: Record<string, unknown>): Promise<T>;
  stop(): Promise<void>;
}

/**
 * Starts one of this folder's scripts in its own Node process (under tsx) and waits for its
 * `ready` message. With `core`, the process runs under `taskset -c core` (taskset execs Node, so
 * the pid is Node's).
 */
export async function startChild<TReady>(
  script: string,
  env: Record<string, string>,
  options: { core?: string; execArgv?: string[] } = {},
): Promise<Child<TReady>> {
  const file = join(__dirname, script);
  const execArgv = ['--import', 'tsx', ...(options.execArgv ?? [])];
  const childEnv = { ...process.env, LOG_LEVEL: 'error', ...env };
  const child =
    options.core === undefined
      ? fork(file, [], { execArgv, env: childEnv })
      : spawn('taskset', ['-c', options.core, process.execPath, ...execArgv, file], { env: childEnv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await new Promise<TReady>((resolve, reject) => {
    child.once('message', (message) => resolve(message as TReady));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
  });
  child.removeAllListeners('exit');
  const ask = <T>(type: string, extra: Record<string, unknown> = {}) =>
    new Promise<T>((resolve) => {
      child.once('message', (message) => resolve(message as T));
      child.send({ ...extra, type });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => (clearTimeout(timer), resolve()));
      child.send({ type: 'stop' });
    });
  return { child, pid: child.pid!, ready, ask, stop };
}
