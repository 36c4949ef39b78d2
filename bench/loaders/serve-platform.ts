// Child process of run.ts: one whole platform (five subgraphs and the gateway, free ports) in the
// loader configuration its environment sets, answering the parent's requests for statistics.
import { runChild } from '../child-process';
import { servePlatform } from '../platform-child';

runChild(() =>
  servePlatform({
    namespace: 'bench:',
    databasePrefix: 'shopgraph_bench',
    // Three platforms run at once: 3 × 5 pools must fit under Postgres's default 100 connections.
    overrides: { databasePoolMax: 5 },
    handlers: (platform) => ({
      // Statements from the postgres.js hook, which sees every statement sent, queued ones included.
      stats: () => ({ stats: { statements: Object.values(platform.subgraphs).reduce((sum, service) => sum + service.statements!.count, 0) } }),
    }),
  }),
);
