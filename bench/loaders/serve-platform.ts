// Child process of run.ts: one whole platform (five subgraphs and the gateway, free ports) in the
// loader configuration its environment sets, answering the parent's requests for statistics.
import { createSharedState } from '@shopgraph/cache';
import { createLogger } from '@shopgraph/logging';
import { DEFAULT_SUPERGRAPH_PATH } from '@shopgraph/gateway';
import { startPlatform } from '@shopgraph/platform';
import { DEVELOPMENT_GATEWAY_SECRET } from '@shopgraph/auth';

async function main(): Promise<void> {
  const shared = createSharedState(process.env.REDIS_URL, 'bench:');
  const platform = await startPlatform({
    databaseServerUrl: process.env.DATABASE_URL!,
    databasePrefix: 'shopgraph_bench',
    shared,
    logger: createLogger('bench', 'error'),
    supergraphPath: DEFAULT_SUPERGRAPH_PATH,
    ports: {},
    seed: true,
    production: true,
    gatewaySecret: DEVELOPMENT_GATEWAY_SECRET,
    // Three platforms run at once: 3 × 5 pools must fit under Postgres's default 100 connections.
    databasePoolMax: 5,
  });
  // Statements from the postgres.js hook, which sees every statement sent, queued ones included.
  const totals = () => ({ statements: Object.values(platform.subgraphs).reduce((sum, service) => sum + service.statements!.count, 0) });
  process.on('message', async (message: { type: string }) => {
    if (message.type === 'stats') process.send!({ type: 'stats', stats: totals() });
    if (message.type === 'stop') {
      await platform.stop();
      await shared.close();
      process.exit(0);
    }
  });
  process.send!({ type: 'ready', url: platform.gateway.url });
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
