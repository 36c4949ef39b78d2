import type { SharedState } from '@shopgraph/cache';
import { answersWithin } from '@shopgraph/server';

export interface ReadinessSources {
  supergraphLoaded: () => boolean;
  shared: SharedState;
  /** Each subgraph's GraphQL URL, by name, as the gateway routes to it now. */
  subgraphUrls: () => Record<string, string>;
  timeoutMs?: number;
}

/**
 * The gateway is ready when a supergraph is loaded, the shared store answers, and every subgraph
 * answers its /health: a load balancer then sends it traffic it can serve.
 */
export function gatewayReadiness(sources: ReadinessSources): () => Promise<Record<string, boolean>> {
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
      supergraph: sources.supergraphLoaded(),
      [sources.shared.kind === 'redis' ? 'redis' : 'sharedState']: redis,
      ...Object.fromEntries(subgraphs.map(([name], index) => [`subgraph:${name}`, answers[index] ?? false])),
    };
  };
}
