// How every benchmark here runs its parts (platforms, gateways, load generators) in processes of
// their own and talks to them over IPC: the parent asks, the child answers the same id.
import { fork, spawn, type ChildProcess } from 'node:child_process';

/** A benchmark script in its own Node process (under tsx). */
export interface Child<TReady> {
  pid: number;
  ready: TReady;
  /** Sends `{ id, type, ...payload }` and resolves with the child's answer to that id. */
  ask<T>(type: string, payload?: Record<string, unknown>): Promise<T>;
  stop(): Promise<void>;
}

let nextId = 1;

/**
 * Starts `file` and waits for its `ready` message. With `core`, the process runs under
 * `taskset -c core` (taskset execs Node, so the pid is Node's).
 */
export async function startChild<TReady>(
  file: string,
  env: Record<string, string>,
  options: { core?: string; execArgv?: string[] } = {},
): Promise<Child<TReady>> {
  const execArgv = ['--import', 'tsx', ...(options.execArgv ?? [])];
  const childEnv = { ...process.env, LOG_LEVEL: 'error', ...env };
  const child: ChildProcess =
    options.core === undefined
      ? fork(file, [], { execArgv, env: childEnv })
      : spawn('taskset', ['-c', options.core, process.execPath, ...execArgv, file], { env: childEnv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await new Promise<TReady>((resolve, reject) => {
    child.once('message', (message) => resolve(message as TReady));
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code} before it was ready`)));
  });
  child.removeAllListeners('exit');
  const waiting = new Map<number, (message: Record<string, unknown>) => void>();
  child.on('message', (message: { id?: number } & Record<string, unknown>) => {
    if (message.id === undefined) return;
    waiting.get(message.id)?.(message);
    waiting.delete(message.id);
  });
  const ask = <T>(type: string, payload: Record<string, unknown> = {}) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, (message) => (typeof message.error === 'string' ? reject(new Error(`${file}: ${message.error}`)) : resolve(message as T)));
      child.send({ ...payload, id, type });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => (clearTimeout(timer), resolve()));
      child.send({ type: 'stop' });
    });
  return { pid: child.pid!, ready, ask, stop };
}

/**
 * A child's side: answers each `ask` with `{ id, ...answer }`, on `stop` runs `stop` and exits,
 * and tells the parent it is ready with `{ type: 'ready', ...ready }`.
 */
export function serveParent(
  ready: Record<string, unknown>,
  handlers: Record<string, (payload: Record<string, unknown>) => unknown>,
  stop: () => Promise<void> = async () => {},
): void {
  process.on('message', async (message: { id?: number; type: string } & Record<string, unknown>) => {
    if (message.type === 'stop') {
      await stop();
      process.exit(0);
    }
    const handler = handlers[message.type];
    if (!handler || message.id === undefined) return;
    try {
      process.send!({ id: message.id, ...((await handler(message)) as object) });
    } catch (error) {
      process.send!({ id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
  process.send!({ type: 'ready', ...ready });
}

/** A child script's entry: any failure is printed and ends the process, so the parent sees the exit. */
export function runChild(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
