import { DEVELOPMENT_GATEWAY_SECRET } from '@shopgraph/auth';
import { createSharedState } from '@shopgraph/cache';
import { createLogger } from '@shopgraph/logging';
import type { RunningService } from '@shopgraph/server';
import { graphqlRequest } from '@shopgraph/testing';
import { startGateway } from '../../../src/start-gateway';
import { composeSupergraphFile } from './compose-supergraph';
import { startInMemorySubgraph, type SubgraphDefinition } from './in-memory-subgraph';
import type { ConformanceVariant } from './variants';

/** What a client reads in the gateway's answer: data and errors, nothing else. */
export interface GatewayAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface Federation {
  /** POSTs one operation to the gateway over HTTP. */
  query(query: string, variables?: Record<string, unknown>): Promise<GatewayAnswer>;
  /** POSTs a request body (one operation, or a batch of them) and returns the HTTP body as the client reads it. */
  body(request: object): Promise<string>;
}

/**
 * Registers beforeAll/afterAll on the enclosing describe: the subgraphs served over HTTP, composed,
 * and our gateway started on the supergraph with the variant's options; all stopped afterwards.
 */
export function useFederation(variant: ConformanceVariant, definitions: SubgraphDefinition[]): Federation {
  const stops: (() => Promise<void> | void)[] = [];
  let gateway: RunningService | undefined;
  beforeAll(async () => {
    // Every subgraph that did start is stopped, even when another's schema is refused: otherwise its
    // open server keeps jest from exiting after the failure.
    const started = await Promise.allSettled(definitions.map(startInMemorySubgraph));
    const subgraphs = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    stops.push(...subgraphs.map((subgraph) => subgraph.stop));
    const refused = started.find((result) => result.status === 'rejected');
    if (refused) throw refused.reason;
    const supergraph = composeSupergraphFile(subgraphs);
    stops.push(supergraph.remove);
    const shared = createSharedState(undefined);
    stops.push(() => shared.close());
    gateway = await startGateway({
      port: 0,
      supergraphPath: supergraph.path,
      subgraphUrls: {},
      logger: createLogger('conformance', 'silent'),
      production: false,
      gatewaySecret: DEVELOPMENT_GATEWAY_SECRET,
      shared,
      ...variant.options,
    });
    stops.push(gateway.stop);
  });
  afterAll(async () => {
    // The gateway first, so no subgraph call is in flight when the subgraphs go.
    for (const stop of stops.reverse()) await stop();
  });
  return {
    async query(query, variables) {
      if (!gateway) throw new Error('the federation is not started (query from inside a test)');
      const { data, errors } = await graphqlRequest(gateway.url, query, variables);
      return errors === undefined ? { data } : { data, errors };
    },
    async body(request) {
      if (!gateway) throw new Error('the federation is not started (query from inside a test)');
      const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
      return response.text();
    },
  };
}
