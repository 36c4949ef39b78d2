import type { SharedState } from '@shopgraph/cache';
import { answersWithin, type Readiness } from '@shopgraph/server';

export interface ReadinessSources {
  supergraphLoaded: () => boolean;
  shared: SharedState;
  /** Each subgraph's GraphQL URL, by name, as the gateway routes to it now. */
  subgraphUrls: () => Record<string, string>;
  timeoutMs?: number;
}

/**
 * The gateway is ready once a supergraph is loaded: it can then plan and serve every operation
 * whose subgraphs answer. The shared store and each subgraph's /health are reported as
 * dependencies, not counted: with one subgraph or Redis down, every gateway replica would
 * otherwise leave the load balancer, and nothing would be served at all.
 */
export function gatewayReadiness(sources: ReadinessSources): () => Promise<Readiness> {
  const timeoutMs = sources.timeoutMs ?? 2_000;
  return async () => {
    const subgraphs = Object.entries(sources.subgraphUrls());
    const [redis, ...answers] = await Promise.all([
      sources.shared.ping(),
      ...subgraphs.map(([, url]) =>
        answersWithin(
          timeoutMs,
          fetch(new URL('/health', url), { signal: AbortSignal.timeout(timeoutMs) }).then((response) => {
            if (!response.ok) throw new Error(String(response.status));
          }),
        ),
      ),
    ]);
    return {
      checks: { supergraph: sources.supergraphLoaded() },
      dependencies: {
        [sources.shared.kind === 'redis' ? 'redis' : 'sharedState']: redis,
        ...Object.fromEntries(subgraphs.map(([name], index) => [`subgraph:${name}`, answers[index] ?? false])),
      },
    };
  };
}
