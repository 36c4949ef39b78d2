// Child process of run.ts: the gateway under test, alone in its process (run with --expose-gc) so
// its memory and CPU can be read from /proc. Follows the subgraphs' events in Redis under
// BENCH_REDIS_NAMESPACE; BENCH_SUBSCRIPTION_LIMITS (JSON) raises the per-connection and per-user caps.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DEVELOPMENT_GATEWAY_SECRET } from '@shopgraph/auth';
import { createSharedState } from '@shopgraph/cache';
import type { ServiceName } from '@shopgraph/config';
import { DEFAULT_SUPERGRAPH_PATH, startGateway } from '@shopgraph/gateway';
import { createLogger } from '@shopgraph/logging';
import { runChild, serveParent } from '../child-process';
import { UNLIMITED_COST_BUDGETS } from './shop';

const collectGarbage = (globalThis as { gc?: () => void }).gc;

async function main(): Promise<void> {
  const shared = createSharedState(process.env.REDIS_URL, process.env.BENCH_REDIS_NAMESPACE);
  const gateway = await startGateway({
    port: 0,
    supergraphPath: DEFAULT_SUPERGRAPH_PATH,
    subgraphUrls: JSON.parse(process.env.BENCH_SUBGRAPH_URLS ?? '{}') as Partial<Record<ServiceName, string>>,
    logger: createLogger('bench-gateway', 'error'),
    production: true,
    gatewaySecret: process.env.GATEWAY_SHARED_SECRET ?? DEVELOPMENT_GATEWAY_SECRET,
    shared,
    // Each subscriber's per-event `order` query is charged to its budgets, and here they are all a few users on 127.0.0.1.
    costBudgets: UNLIMITED_COST_BUDGETS,
    subscriptionLimits: JSON.parse(process.env.BENCH_SUBSCRIPTION_LIMITS ?? '{}') as Record<string, number>,
  });
  // How long the event loop was kept from timers and I/O (pongs, new connections, /health) since the last ask.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  serveParent(
    { url: gateway.url },
    {
      loopDelay: () => {
        const answer = { p99Ms: loopDelay.percentile(99) / 1e6, maxMs: loopDelay.max / 1e6 };
        loopDelay.reset();
        return answer;
      },
      // Full collections first, so what is left is what the open subscriptions hold.
      memory: () => {
        for (let i = 0; i < 3; i += 1) collectGarbage?.();
        const usage = process.memoryUsage();
        return { heapUsedBytes: usage.heapUsed, externalBytes: usage.external + usage.arrayBuffers, collected: collectGarbage !== undefined };
      },
    },
    async () => {
      await gateway.stop();
      await shared.close();
    },
  );
}

runChild(main);
