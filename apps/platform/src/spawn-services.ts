import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { GATEWAY_PORT, routingUrlVariable, SERVICE_NAMES, SERVICE_PORTS, localRoutingUrl, type ServiceName } from '@shopgraph/config';
import { GATEWAY_NODE_FLAGS } from '@shopgraph/gateway';
import type { Logger } from '@shopgraph/logging';
import { superviseProcess, type RestartPolicy, type SupervisedProcess } from './supervised-process';

const REPO_ROOT = join(__dirname, '..', '..', '..');

export type Deployable = ServiceName | 'gateway';

export function entryPointOf(name: Deployable): string {
  return name === 'gateway' ? join(REPO_ROOT, 'gateway', 'src', 'main.ts') : join(REPO_ROOT, 'subgraphs', name, 'src', 'main.ts');
}

/** How a service's process starts: node's arguments (after its flags) and the folder it runs in. */
export interface EntryPoint {
  args: string[];
  cwd: string;
  /**
   * A program that runs node for it, and that program's arguments before node's path (a test runs
   * the services under `unshare` this way); it must exec node, so signals reach the service.
   */
  wrapper?: { command: string; args: string[] };
}

/** From the repository, through tsx: no build step between clone and start. */
export function sourceEntryPoint(name: Deployable): EntryPoint {
  return { args: ['--import', 'tsx', entryPointOf(name)], cwd: REPO_ROOT };
}

export interface SpawnServicesOptions {
  /** What every service's process starts with: DATABASE_URL, REDIS_URL, DATABASE_PREFIX... */
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** Listening ports; the standard ones (4000-4005) for any not given. Tests give free ports. */
  ports?: Partial<Record<Deployable, number>>;
  /** Each service's stdout and stderr are appended to `<folder>/<name>.log`; inherited when absent. */
  logDirectory?: string;
  restartPolicy?: Partial<RestartPolicy>;
  /** Where each service starts from; the repository's TypeScript (sourceEntryPoint) when absent. */
  entryPoint?: (name: Deployable) => EntryPoint;
}

export interface SpawnedServices {
  processes: Record<Deployable, SupervisedProcess>;
  /** Where each one serves GraphQL (the gateway's is the clients' URL). */
  urls: Record<Deployable, string>;
  stop(): Promise<void>;
}

function spawnService(name: Deployable, entry: EntryPoint, env: NodeJS.ProcessEnv, logDirectory: string | undefined): ChildProcess {
  const flags = name === 'gateway' ? GATEWAY_NODE_FLAGS : [];
  const output = logDirectory === undefined ? undefined : openSync(join(logDirectory, `${name}.log`), 'a');
  try {
    // The IPC channel is how a service notices that this supervisor died (and then stops itself).
    const stdio: StdioOptions = output === undefined ? ['inherit', 'inherit', 'inherit', 'ipc'] : ['ignore', output, output, 'ipc'];
    // Detached, in a process group of its own: a terminal's Ctrl-C reaches the supervisor only,
    // which stops the services itself (SIGTERM, gateway first) instead of racing them.
    const nodeArgs = [...flags, ...entry.args];
    const [command, args] = entry.wrapper ? [entry.wrapper.command, [...entry.wrapper.args, process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
    return spawn(command, args, { env, stdio, cwd: entry.cwd, detached: true });
  } finally {
    // The child has its own copy of the descriptor.
    if (output !== undefined) closeSync(output);
  }
}

async function waitForHealth(name: string, port: number, child: ChildProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before it served`);
    const healthy = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} did not answer /health on port ${port} within ${timeoutMs} ms`);
}

/**
 * One process per subgraph and one for the gateway; they share Redis. Each is supervised: one
 * that dies is started again (superviseProcess), so a crash heals without a person.
 */
export async function spawnServices(options: SpawnServicesOptions): Promise<SpawnedServices> {
  const ports: Record<Deployable, number> = { ...SERVICE_PORTS, gateway: GATEWAY_PORT, ...options.ports };
  if (options.logDirectory) mkdirSync(options.logDirectory, { recursive: true });
  // Subgraphs call peers (orders calls products, inventory, users; analytics calls products) at the URLs the gateway routes to.
  const routing = Object.fromEntries(
    SERVICE_NAMES.map((name) => [routingUrlVariable(name), options.env[routingUrlVariable(name)] ?? localRoutingUrl(name, ports[name])]),
  );
  const supervise = (name: Deployable) =>
    superviseProcess({
      name,
      spawn: () =>
        spawnService(name, (options.entryPoint ?? sourceEntryPoint)(name), { ...options.env, ...routing, PORT: String(ports[name]) }, options.logDirectory),
      waitUntilServing: (child) => waitForHealth(name, ports[name], child),
      logger: options.logger,
      policy: options.restartPolicy,
    });
  const started: SupervisedProcess[] = [];
  // The gateway first, so no client request reaches a subgraph that is already stopping.
  const stop = async () => {
    await Promise.all(started.filter((process) => process.name === 'gateway').map((process) => process.stop()));
    await Promise.all(started.filter((process) => process.name !== 'gateway').map((process) => process.stop()));
  };
  try {
    // Settled, not all: when one fails the others still finish starting, and are then stopped.
    const subgraphs = await Promise.allSettled(SERVICE_NAMES.map(async (name) => started.push(await supervise(name))));
    const failed = subgraphs.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    started.push(await supervise('gateway'));
  } catch (error) {
    options.logger.error({ err: error }, 'a service failed to start');
    await stop();
    throw error;
  }
  const processes = Object.fromEntries(started.map((process) => [process.name, process])) as Record<Deployable, SupervisedProcess>;
  const urls = Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, `http://127.0.0.1:${port}/graphql`])) as Record<Deployable, string>;
  return { processes, urls, stop };
}
