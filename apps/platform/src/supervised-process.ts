import type { ChildProcess } from 'node:child_process';
import type { Logger } from '@shopgraph/logging';

/** How soon a service that died is started again. */
export interface RestartPolicy {
  /** Wait before restarting after a first crash; every further crash in a row doubles it. */
  initialDelayMs: number;
  /** The wait never grows past this, so a service whose database is down for long keeps trying. */
  maxDelayMs: number;
  /** A process that lived this long before it died was healthy: the next wait is initialDelayMs again. */
  resetAfterMs: number;
  /** After SIGTERM at stop, how long a process may drain before it is killed. */
  killAfterMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { initialDelayMs: 500, maxDelayMs: 30_000, resetAfterMs: 60_000, killAfterMs: 20_000 };

/** One service's process, started again whenever it dies, until stop(). */
export interface SupervisedProcess {
  readonly name: string;
  /** The live process's pid; undefined between a death and the restart. */
  readonly pid: number | undefined;
  /** How many times it was started again after dying. */
  readonly restarts: number;
  /** Ends supervision first (no restart happens during shutdown), then SIGTERM; resolves once it exited. */
  stop(): Promise<void>;
}

export interface SuperviseOptions {
  name: string;
  /** Starts one process of the service. */
  spawn(): ChildProcess;
  /** Resolves once the process serves; rejects when it exits or never gets there. */
  waitUntilServing(child: ChildProcess): Promise<void>;
  logger: Logger;
  policy?: Partial<RestartPolicy>;
}

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

function exited(child: ChildProcess): Promise<void> {
  return hasExited(child) ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts the service and waits until it serves; from then on a death is logged and the service
 * started again after an exponential backoff. A first start that fails rejects instead: a broken
 * setup (bad config, port taken) should stop `npm run start:services`, not loop.
 */
export async function superviseProcess(options: SuperviseOptions): Promise<SupervisedProcess> {
  const policy = { ...DEFAULT_RESTART_POLICY, ...options.policy };
  const { name, logger } = options;
  let child = options.spawn();
  let startedAt = Date.now();
  let restarts = 0;
  let crashesInARow = 0;
  let diedAt = 0;
  let stopping = false;
  let restartTimer: NodeJS.Timeout | undefined;

  const restart = () => {
    restartTimer = undefined;
    if (stopping) return;
    restarts += 1;
    startedAt = Date.now();
    child = options.spawn();
    watch(child);
    const current = child;
    // A restart that dies before serving is handled by watch(); this only reports the good news.
    options.waitUntilServing(current).then(
      () => logger.info({ service: name, pid: current.pid, restarts, downForMs: Date.now() - diedAt }, `${name} restarted and serving`),
      () => {},
    );
  };
  const onExit = (dead: ChildProcess) => {
    if (stopping) return;
    diedAt = Date.now();
    crashesInARow = diedAt - startedAt >= policy.resetAfterMs ? 1 : crashesInARow + 1;
    const restartInMs = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (crashesInARow - 1));
    logger.error(
      { service: name, pid: dead.pid, code: dead.exitCode, signal: dead.signalCode, crashesInARow, restartInMs },
      `${name} exited; starting it again`,
    );
    restartTimer = setTimeout(restart, restartInMs);
  };
  const watch = (watched: ChildProcess) => {
    if (hasExited(watched)) onExit(watched);
    else watched.once('exit', () => onExit(watched));
  };

  try {
    await options.waitUntilServing(child);
  } catch (error) {
    if (!hasExited(child)) child.kill('SIGKILL');
    throw error;
  }
  watch(child);

  return {
    name,
    get pid() {
      return hasExited(child) ? undefined : child.pid;
    },
    get restarts() {
      return restarts;
    },
    stop: async () => {
      stopping = true;
      clearTimeout(restartTimer);
      if (hasExited(child)) return;
      const killTimer = setTimeout(() => child.kill('SIGKILL'), policy.killAfterMs);
      child.kill('SIGTERM');
      await exited(child);
      clearTimeout(killTimer);
    },
  };
}
