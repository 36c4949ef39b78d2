import { createRequire } from 'node:module';
import { print } from 'graphql';
import type * as Hive from '@graphql-hive/router-query-planner' with { 'resolution-mode': 'import' };
import { hivePlanToApollo } from './hive-plan-to-apollo';
import type { OperationPlanner } from './query-planner';

// The package's types describe only its ES module entry, so TypeScript refuses to import it from
// CommonJS (TS1479); its CommonJS entry (dist/index.cjs) loads the same addon.
const hive = createRequire(__filename)('@graphql-hive/router-query-planner') as typeof Hive;

// The last two arguments of plan() serve progressive @override (`label: "percent(n)"`): the labels
// switched on, and the percentage the percent() labels are measured against. The supergraph has
// no labelled @override (the planner's overrideLabels is empty), so neither changes a plan.
const NO_OVERRIDE_LABELS = new Set<string>();
const NO_ROLL = 0;

/** Hive Router's planner (Rust, N-API); it plans on the calling thread, about a millisecond or less for each of our operations. */
export function createHiveQueryPlanner(supergraphSdl: string): OperationPlanner {
  const planner = new hive.QueryPlanner(supergraphSdl);
  return {
    kind: 'hive',
    plan: ({ document, operationName }) => hivePlanToApollo(planner.plan(print(document), operationName ?? null, NO_OVERRIDE_LABELS, NO_ROLL)),
  };
}
