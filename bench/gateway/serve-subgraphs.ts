// Child process of run.ts: the five real subgraphs on Postgres (and Redis when REDIS_URL is set),
// seeded, each on a free port. startPlatform also starts our gateway; the harness uses it only to
// sign in and look up ids, never to measure.
import { DEVELOPMENT_GATEWAY_SECRET } from '@shopgraph/auth';
import { createSharedState } from '@shopgraph/cache';
import { DEFAULT_SUPERGRAPH_PATH } from '@shopgraph/gateway';
import { createLogger } from '@shopgraph/logging';
import { startPlatform } from '@shopgraph/platform';

async function main(): Promise<void> {
  const shared = createSharedState(process.env.REDIS_URL, 'bench-gateway:');
  const platform = await startPlatform({
    databaseServerUrl: process.env.DATABASE_URL!,
    databasePrefix: 'shopgraph_bench',
    shared,
    logger: createLogger('bench', 'error'),
    supergraphPath: DEFAULT_SUPERGRAPH_PATH,
    ports: {},
    seed: true,
    production: true,
    gatewaySecret: process.env.GATEWAY_SHARED_SECRET ?? DEVELOPMENT_GATEWAY_SECRET,
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
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
