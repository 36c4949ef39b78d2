import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { GATEWAY_PORT, routingUrlVariable, SERVICE_NAMES, SERVICE_PORTS, localRoutingUrl, type ServiceName } from '@shopgraph/config';
import { GATEWAY_NODE_FLAGS } from '@shopgraph/gateway';
import type { Logger } from '@shopgraph/logging';

const REPO_ROOT = join(__dirname, '..', '..', '..');

export function entryPointOf(name: ServiceName | 'gateway'): string {
  return name === 'gateway' ? join(REPO_ROOT, 'gateway', 'src', 'main.ts') : join(REPO_ROOT, 'subgraphs', name, 'src', 'main.ts');
}

function spawnService(name: ServiceName | 'gateway', env: NodeJS.ProcessEnv): ChildProcess {
  // tsx loads TypeScript directly: no build step between clone and start.
  const flags = name === 'gateway' ? GATEWAY_NODE_FLAGS : [];
  return spawn(process.execPath, [...flags, '--import', 'tsx', entryPointOf(name)], { env, stdio: 'inherit', cwd: REPO_ROOT });
}

async function waitForHealth(name: string, port: number, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} during start`);
    const healthy = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false);
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} did not answer /health on port ${port} within ${timeoutMs} ms`);
}

/** One process per subgraph and one for the gateway, on the standard ports; they share Redis. */
export async function spawnServices(env: NodeJS.ProcessEnv, logger: Logger): Promise<{ stop(): Promise<void> }> {
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
  };
  try {
    await Promise.all(
      SERVICE_NAMES.map(async (name) => {
        const child = spawnService(name, { ...env, PORT: String(SERVICE_PORTS[name]) });
        children.push(child);
        await waitForHealth(name, SERVICE_PORTS[name], child);
      }),
    );
    const routing = Object.fromEntries(SERVICE_NAMES.map((name) => [routingUrlVariable(name), env[routingUrlVariable(name)] ?? localRoutingUrl(name)]));
    const gateway = spawnService('gateway', { ...env, ...routing, PORT: String(GATEWAY_PORT) });
    children.push(gateway);
    await waitForHealth('gateway', GATEWAY_PORT, gateway);
  } catch (error) {
    logger.error({ err: error }, 'a service failed to start');
    await stop();
    throw error;
  }
  return { stop };
}
