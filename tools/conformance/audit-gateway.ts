// Child process of federation-audit.ts (through the audit's run script): our gateway over one
// suite's supergraph, on AUDIT_GATEWAY_PORT, until SIGTERM. One process per suite, so no plan
// cache, counter or socket outlives its suite.
import { createSharedState } from '@shopgraph/cache';
import { engineOptionsOf, startGateway } from '@shopgraph/gateway';
import { createLogger } from '@shopgraph/logging';

// The audit sends every query from one address, a few hundred in a few minutes: the budgets are
// lifted. Of the per-operation limits only the two estimates are: they assume 10 items per list
// (defaultListSize), and child-type-mismatch_2 nests four lists (21 080 response fields estimated,
// over the default 20 000) where the audit's subgraphs return two items.
const UNLIMITED_BUDGET = { points: Number.MAX_SAFE_INTEGER, windowSeconds: 60 };
const ESTIMATE_LIMITS = { maxCost: 1_000_000, maxResponseFields: 1_000_000 };

async function main(): Promise<void> {
  const supergraphPath = process.argv[2];
  const port = Number(process.env.AUDIT_GATEWAY_PORT);
  if (!supergraphPath || !Number.isInteger(port)) throw new Error('usage: AUDIT_GATEWAY_PORT=<port> audit-gateway.ts <supergraph.graphql>');
  // GATEWAY_ENGINE and GATEWAY_QUERY_PLANNER, validated as the gateway's own env is (a typo stops here).
  const variant = engineOptionsOf(process.env);
  const shared = createSharedState(undefined);
  const gateway = await startGateway({
    port,
    supergraphPath,
    subgraphUrls: {},
    gatewaySecret: 'federation-audit',
    shared,
    production: false,
    logger: createLogger('federation-audit', 'silent'),
    costBudgets: { perIp: UNLIMITED_BUDGET, perViewer: UNLIMITED_BUDGET },
    limits: ESTIMATE_LIMITS,
    ...variant,
  });
  process.once('SIGTERM', () => {
    void gateway
      .stop()
      .then(() => shared.close())
      .finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`audit gateway failed to start: ${String(error)}\n`);
  process.exit(1);
});
