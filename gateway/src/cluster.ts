import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { Logger } from '@shopgraph/logging';

/** How many gateway processes GATEWAY_WORKERS asks for: a number, or `auto` for one per core. */
export function workerCount(setting: number | 'auto'): number {
  return setting === 'auto' ? availableParallelism() : setting;
}

/**
 * The primary of a multi-process gateway: forks `count` workers that share the listening port
 * (node:cluster hands connections round-robin), replaces one that dies, and on SIGTERM or SIGINT
 * passes the signal on so each drains as a single gateway would, exiting when the last has.
 */
export function runPrimary(count: number, logger: Logger): void {
  let stopping = false;
  for (let i = 0; i < count; i += 1) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    logger.error({ pid: worker.process.pid, code, signal }, 'gateway worker died; starting another');
    cluster.fork();
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: stopping ${count} gateway workers`);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  logger.info({ workers: count }, 'gateway primary started');
}
