// Child process of run.ts: the five real subgraphs on Postgres (and Redis when REDIS_URL is set),
// seeded, each on a free port. The platform's own gateway is used only to sign in and look up
// ids, never to measure.
import { runChild } from '../child-process';
import { servePlatform } from '../platform-child';

runChild(() => servePlatform({ namespace: 'bench-gateway:', databasePrefix: 'shopgraph_bench' }));
