// Child process of run.ts: the five real subgraphs on Postgres and Redis, seeded, with the
// platform's own gateway, which the harness uses to sign in, place orders and change their status
// (so the gateway under test does subscription work only). Their outbox relays publish to Redis
// under the namespace the gateway under test follows.
import { runChild } from '../child-process';
import { servePlatform } from '../platform-child';
import { UNLIMITED_COST_BUDGETS } from './shop';

runChild(() =>
  servePlatform({
    namespace: process.env.BENCH_REDIS_NAMESPACE ?? '',
    databasePrefix: 'shopgraph_bench_subscriptions',
    // Every request comes from 127.0.0.1 and most from one admin: the defaults would throttle the harness.
    overrides: { costBudgets: UNLIMITED_COST_BUDGETS },
  }),
);
