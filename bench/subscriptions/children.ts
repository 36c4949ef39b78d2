import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** A script of this folder in its own Node process (under tsx), asked questions over IPC. */
export interface Child<TReady> {
  pid: number;
  ready: TReady;
  /** Sends `{ id, type, ...payload }` and resolves with the child's reply carrying the same id. */
  ask<T>(type: string, payload?: Record<string, unknown>): Promise<T>;
  stop(): Promise<void>;
}

/** A child's side of `ask`: answers each message with `{ id, ...answer }`. */
export function answerParent(handlers: Record<string, (payload: Record<string, unknown>) => unknown>): void {
  process.on('message', async (message: { id: number; type: string } & Record<string, unknown>) => {
    const handler = handlers[message.type];
    if (!handler) return;
    try {
      process.send!({ id: message.id, ...((await handler(message)) as object) });
    } catch (error) {
      process.send!({ id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
}

let nextId = 1;

/** Starts `script` (a file in this folder) and waits for its first message, `{ type: 'ready', ... }`. */
export async function startChild<TReady>(script: string, env: Record<string, string>, execArgv: string[] = []): Promise<Child<TReady>> {
  const child: ChildProcess = fork(join(__dirname, script), [], { execArgv: ['--import', 'tsx', ...execArgv], env: { ...process.env, LOG_LEVEL: 'error', ...env } });
  const ready = await new Promise<TReady>((resolve, reject) => {
    child.once('message', (message) => resolve(message as TReady));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
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
      waiting.set(id, (message) => (typeof message.error === 'string' ? reject(new Error(`${script}: ${message.error}`)) : resolve(message as T)));
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
