// Child process of run.ts: the five real subgraphs on Postgres and Redis, seeded, with the
// platform's own gateway, which the harness uses to sign in, place orders and change their status
// (so the gateway under test does subscription work only). Their outbox relays publish to Redis
// under the namespace the gateway under test follows.
import { DEVELOPMENT_GATEWAY_SECRET } from '@shopgraph/auth';
import { createSharedState } from '@shopgraph/cache';
import { DEFAULT_SUPERGRAPH_PATH } from '@shopgraph/gateway';
import { createLogger } from '@shopgraph/logging';
import { startPlatform } from '@shopgraph/platform';
import { UNLIMITED_COST_BUDGETS } from './shop';

async function main(): Promise<void> {
  const shared = createSharedState(process.env.REDIS_URL, process.env.BENCH_REDIS_NAMESPACE);
  const platform = await startPlatform({
    databaseServerUrl: process.env.DATABASE_URL!,
    databasePrefix: 'shopgraph_bench_subscriptions',
    shared,
    logger: createLogger('bench', 'error'),
    supergraphPath: DEFAULT_SUPERGRAPH_PATH,
    ports: {},
    seed: true,
    production: true,
    gatewaySecret: process.env.GATEWAY_SHARED_SECRET ?? DEVELOPMENT_GATEWAY_SECRET,
    // Every request comes from 127.0.0.1 and most from one admin: the defaults would throttle the harness.
    costBudgets: UNLIMITED_COST_BUDGETS,
  });
  process.on('message', async (message: { type: string }) => {
    if (message.type !== 'stop') return;
    await platform.stop();
    await shared.close();
    process.exit(0);
  });
  const subgraphUrls = Object.fromEntries(Object.entries(platform.subgraphs).map(([name, service]) => [name, service.url]));
  process.send!({ type: 'ready', gatewayUrl: platform.gateway.url, subgraphUrls });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
