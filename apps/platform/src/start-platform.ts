import type { SharedState } from '@shopgraph/cache';
import { SERVICE_NAMES, serviceDatabaseUrl, type ServiceName } from '@shopgraph/config';
import { startGateway } from '@shopgraph/gateway';
import type { Logger } from '@shopgraph/logging';
import type { CostBudgets, GatewayEngine, QueryPlannerKind, SignInLimits } from '@shopgraph/gateway';
import type { RunningService } from '@shopgraph/server';
import { SUBGRAPH_STARTERS } from './subgraph-starters';

export interface PlatformOptions {
  databaseServerUrl: string;
  databasePrefix: string;
  shared: SharedState;
  logger: Logger;
  supergraphPath: string;
  /** Per-service ports; 0 or absent picks a free one. */
  ports: Partial<Record<ServiceName | 'gateway', number>>;
  seed: boolean;
  production: boolean;
  /** Shared by the gateway and the subgraphs. */
  gatewaySecret: string;
  /** The subgraphs also accept signatures by this secret (a rotation in progress). */
  alsoAcceptedGatewaySecret?: string;
  signInLimits?: SignInLimits;
  /** The gateway's per-IP and per-viewer cost budgets (docs/security.md). */
  costBudgets?: CostBudgets;
  databasePoolMax?: number;
  /** The gateway's engine and planner (GATEWAY_ENGINE, GATEWAY_QUERY_PLANNER); the gateway's defaults when absent. */
  engine?: GatewayEngine;
  queryPlanner?: QueryPlannerKind;
  /** apps/explorer's build for the gateway's /graphiql/ (the gateway's default when absent). */
  explorerDist?: string;
}

export interface RunningPlatform {
  gateway: RunningService;
  subgraphs: Record<ServiceName, RunningService>;
  stop(): Promise<void>;
}

/** Every subgraph and the gateway in this process, each on its own port, talking HTTP. */
export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  // Filled once every subgraph listens; subgraphs that call peers read it lazily.
  const peerUrls: Partial<Record<ServiceName, string>> = {};
  const started = await Promise.allSettled(
    SERVICE_NAMES.map((name) =>
      SUBGRAPH_STARTERS[name]({
        port: options.ports[name] ?? 0,
        databaseUrl: serviceDatabaseUrl(name, options.databaseServerUrl, options.databasePrefix),
        shared: options.shared,
        logger: options.logger.child({ service: name }),
        seed: options.seed,
        production: options.production,
        gatewaySecret: options.gatewaySecret,
        alsoAcceptedGatewaySecret: options.alsoAcceptedGatewaySecret,
        databasePoolMax: options.databasePoolMax,
        peerUrls: () => peerUrls,
      }),
    ),
  );
  const running = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) {
    await Promise.all(running.map((service) => service.stop()));
    throw failed.reason;
  }
  const subgraphs = Object.fromEntries(running.map((service) => [service.name, service])) as Record<ServiceName, RunningService>;
  for (const service of running) if (service.name !== 'gateway') peerUrls[service.name] = service.url;
  const gateway = await startGateway({
    port: options.ports.gateway ?? 0,
    supergraphPath: options.supergraphPath,
    subgraphUrls: Object.fromEntries(running.map((service) => [service.name, service.url])),
    logger: options.logger.child({ service: 'gateway' }),
    production: options.production,
    gatewaySecret: options.gatewaySecret,
    shared: options.shared,
    signInLimits: options.signInLimits,
    costBudgets: options.costBudgets,
    engine: options.engine,
    queryPlanner: options.queryPlanner,
    explorerDist: options.explorerDist,
  }).catch(async (error: unknown) => {
    await Promise.all(running.map((service) => service.stop()));
    throw error;
  });
  return {
    gateway,
    subgraphs,
    stop: async () => {
      await gateway.stop();
      await Promise.all(running.map((service) => service.stop()));
    },
  };
}
