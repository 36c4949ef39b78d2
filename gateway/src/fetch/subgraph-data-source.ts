import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { Fetcher } from '@apollo/utils.fetcher';
import type { GatewayContext } from '../context';
import { answersAlike } from '../auth/answers-alike';
import type { GatewayMetrics } from '../observability/metrics';
import { EntityFetchMerger, type PlanSiblings } from './merge/entity-fetch-merger';
import { sharingFetcher } from './sharing-fetcher';
import { signingFetcher } from './signing-fetcher';
import { SubgraphRequest } from './subgraph-request';
import { timedFetcher } from './timed-fetcher';

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  gatewaySecret: string;
  /** Every call to the subgraph is aborted after this long. */
  timeoutMs: number;
  metrics: GatewayMetrics;
  /** Sends the signed request; the gateway shares one keep-alive fetcher among all subgraphs. */
  fetcher: Fetcher;
  /** Sibling entity fetches of the running plans, sent to this subgraph as one call; none when absent. */
  siblings?: PlanSiblings;
}

type ProcessOptions = GraphQLDataSourceProcessOptions<GatewayContext>;

/** An anonymous query's calls answer the same for everyone, so identical ones in flight at once may be sent once. */
function isShareable(options: ProcessOptions): boolean {
  return 'incomingRequestContext' in options && answersAlike(options.incomingRequestContext.operation, options.context);
}

/**
 * What happens to a call to one subgraph: sibling entity fetches of a plan are merged into one
 * call; a shareable call goes through the in-flight sharing, any other on its own; every call is
 * signed, timed and sent over the keep-alive fetcher.
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly name: string;
  private readonly siblings: PlanSiblings | undefined;
  private readonly merger: EntityFetchMerger;
  private readonly own: SubgraphRequest;
  private readonly shared: SubgraphRequest;

  constructor(options: SubgraphDataSourceOptions) {
    const send = timedFetcher(options, signingFetcher(options.gatewaySecret, options.fetcher));
    this.name = options.name;
    this.siblings = options.siblings;
    this.own = new SubgraphRequest(options.url, send);
    this.shared = new SubgraphRequest(options.url, sharingFetcher(send));
    this.merger = new EntityFetchMerger((merged) => this.send(merged as ProcessOptions));
  }

  process(options: ProcessOptions): Promise<GatewayGraphQLResponse> {
    const group = this.siblings?.groupOf(options as GraphQLDataSourceProcessOptions<Record<string, unknown>>, this.name);
    return group ? this.merger.fetch(options as GraphQLDataSourceProcessOptions<Record<string, unknown>>, group) : this.send(options);
  }

  private send(options: ProcessOptions): Promise<GatewayGraphQLResponse> {
    return (isShareable(options) ? this.shared : this.own).process(options);
  }
}
