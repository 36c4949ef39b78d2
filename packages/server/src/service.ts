import type { SharedState } from '@shopgraph/cache';
import type { ServiceName } from '@shopgraph/config';
import { openServiceDatabase, ServiceStats, type StatementCounter } from '@shopgraph/db';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { startOutboxRelay } from '@shopgraph/events';
import type { Logger } from '@shopgraph/logging';
import type { RequestScoped } from './error-masking';
import { serveGraphQL, type GraphQLService } from './http-server';
import { ServiceMetrics } from './metrics';

/** What a subgraph needs to run, however it is started (its own process, all-in-one, a test). */
export interface SubgraphRuntimeOptions {
  /** 0 picks a free port. */
  port: number;
  /** This subgraph's own database. */
  databaseUrl: string;
  shared: SharedState;
  logger: Logger;
  /** Load the demo shop when the database has none of it yet. */
  seed: boolean;
  production: boolean;
  /** Shared with the gateway; requests without its signature are refused. */
  gatewaySecret: string;
  /** Accepted besides gatewaySecret, never used to sign: a shared-secret rotation in progress. */
  alsoAcceptedGatewaySecret?: string;
  /** Connections in this subgraph's pool (default DATABASE_DEFAULTS.poolMax). */
  databasePoolMax?: number;
  /** False: migrations are run apart (`node migrate.js`); the service only checks they were applied. Default true. */
  runMigrations?: boolean;
  /**
   * GraphQL URLs of the peer subgraphs this one calls directly (orders calls products, inventory
   * and users). Read lazily, at each call: in the all-in-one mode the subgraphs start in parallel
   * and the URLs are known only once all of them listen. Absent: each peer's standard local URL.
   */
  peerUrls?: () => Partial<Record<ServiceName, string>>;
}

export interface RunningService {
  name: ServiceName | 'gateway';
  port: number;
  url: string;
  /** SQL statements this service has sent, for the N+1 tests. */
  statements?: StatementCounter;
  /** Statements and shared-cache hits and misses, in total and per operation. */
  stats?: ServiceStats;
  stop(): Promise<void>;
}

/** Listens with a built subgraph and ties its resources' shutdown to `stop`. */
export async function listenSubgraph<TContext extends RequestScoped>(
  name: ServiceName,
  service: GraphQLService<TContext>,
  options: SubgraphRuntimeOptions,
  resources: { statements?: StatementCounter; close(): Promise<void>; databaseAnswers?: () => Promise<boolean> },
): Promise<RunningService> {
  await service.apollo.start();
  const stats = new ServiceStats();
  const metrics = new ServiceMetrics(name);
  if (options.shared.circuit) metrics.watchRedisCircuit(options.shared.circuit);
  const stopWatchingEvents = metrics.watchEventDeliveries(options.shared.events);
  const listening = await serveGraphQL(service, {
    port: options.port,
    logger: options.logger,
    gatewaySecret: options.gatewaySecret,
    alsoAcceptedGatewaySecret: options.alsoAcceptedGatewaySecret,
    // Signed mutations are single-use across replicas (docs/security.md).
    nonces: options.shared.nonces,
    stats,
    metrics,
    readiness: async () => {
      const [database, redis] = await Promise.all([resources.databaseAnswers?.() ?? true, options.shared.ping()]);
      return { checks: { database }, dependencies: { redis } };
    },
  });
  const subscriptions = service.subscriptions?.({
    server: listening.server,
    gatewaySecrets: [options.gatewaySecret, ...(options.alsoAcceptedGatewaySecret ? [options.alsoAcceptedGatewaySecret] : [])],
    metrics,
  });
  const stopBackground = await service.background?.({ metrics });
  options.logger.info({ url: listening.url }, `${name} subgraph ready`);
  return {
    name,
    port: listening.port,
    url: listening.url,
    statements: resources.statements,
    stats,
    stop: async () => {
      await stopBackground?.();
      stopWatchingEvents();
      await subscriptions?.close();
      await listening.close();
      await service.apollo.stop();
      await resources.close();
    },
  };
}

/** True when the promise settles successfully within the time; a hung pool is as bad as a down one. */
export async function answersWithin(ms: number, work: PromiseLike<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      Promise.resolve(work).then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** What makes one subgraph: its tables, migrations, demo data and GraphQL service. */
export interface SubgraphModule<TSchema extends Record<string, unknown>, TContext extends RequestScoped> {
  name: ServiceName;
  schema: TSchema;
  migrationsFolder: string;
  seed(db: PostgresJsDatabase<TSchema>): Promise<void>;
  /** Runs at every start, after the migrations and before seeding and listening; if it throws, the start fails. */
  prepare?(db: PostgresJsDatabase<TSchema>): Promise<void>;
  build(db: PostgresJsDatabase<TSchema>, options: SubgraphRuntimeOptions): GraphQLService<TContext>;
  /** The subgraph writes events to an `outbox` table; a relay publishes them to the event bus. */
  relaysOutbox?: boolean;
}

/** Opens the subgraph's database (created and migrated when needed), seeds it, and listens. */
export async function startSubgraph<TSchema extends Record<string, unknown>, TContext extends RequestScoped>(
  subgraph: SubgraphModule<TSchema, TContext>,
  options: SubgraphRuntimeOptions,
): Promise<RunningService> {
  const database = await openServiceDatabase({
    url: options.databaseUrl,
    schema: subgraph.schema,
    migrationsFolder: subgraph.migrationsFolder,
    migrations: options.runMigrations === false ? 'verify' : 'apply',
    maxConnections: options.databasePoolMax,
  });
  let stopRelay: (() => Promise<void>) | undefined;
  const close = async () => {
    await stopRelay?.();
    await database.close();
  };
  try {
    await subgraph.prepare?.(database.db);
    if (options.seed) await subgraph.seed(database.db);
    if (subgraph.relaysOutbox)
      stopRelay = await startOutboxRelay({ databaseUrl: options.databaseUrl, source: subgraph.name, bus: options.shared.events, logger: options.logger });
    const databaseAnswers = () => answersWithin(2_000, database.sql`select 1`);
    return await listenSubgraph(subgraph.name, subgraph.build(database.db, options), options, { statements: database.statements, close, databaseAnswers });
  } catch (error) {
    await close();
    throw error;
  }
}
