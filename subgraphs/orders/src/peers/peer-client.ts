import { signSubgraphRequest, type Viewer } from '@shopgraph/auth';
import { localRoutingUrl, type ServiceName } from '@shopgraph/config';
import { GraphQLError } from 'graphql';

/** Peer calls that take longer than this fail (and the shopper's request with them) rather than hang. */
const PEER_TIMEOUT_MS = 10_000;

export interface PeerError {
  message: string;
  extensions?: { code?: string };
}

/** A failure of a peer subgraph: unexpected for our client, so it is masked and logged like any other. */
export class PeerRequestError extends Error {
  constructor(
    readonly peer: ServiceName,
    message: string,
    readonly errors: PeerError[] = [],
  ) {
    super(`${peer}: ${message}`);
  }

  /** The code of the peer's first error, e.g. CONFLICT. */
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

/**
 * Calls peer subgraphs directly, not through the gateway: each request is signed with the shared
 * gateway secret, like the gateway's own, for a viewer we choose (the shopper, or SERVICE_VIEWER).
 */
export class PeerClient {
  constructor(
    private readonly secret: string,
    private readonly urls: () => Partial<Record<ServiceName, string>>,
  ) {}

  async request<TData>(peer: ServiceName, viewer: Viewer, query: string, variables: Record<string, unknown> = {}): Promise<TData> {
    const body = JSON.stringify({ query, variables });
    const url = this.urls()[peer] ?? localRoutingUrl(peer);
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signSubgraphRequest(this.secret, viewer, body) },
        body,
        signal: AbortSignal.timeout(PEER_TIMEOUT_MS),
      });
    } catch (error) {
      throw new PeerRequestError(peer, `unreachable at ${url}: ${(error as Error).message}`);
    }
    const parsed = (await response.json().catch(() => ({}))) as { data?: TData | null; errors?: PeerError[] };
    if (parsed.errors?.length || !parsed.data) throw new PeerRequestError(peer, parsed.errors?.[0]?.message ?? `HTTP ${response.status}`, parsed.errors ?? []);
    return parsed.data;
  }
}

/** Re-raises a peer's client error (BAD_USER_INPUT, CONFLICT...) as ours; anything else stays unexpected. */
export function asClientError(error: unknown): never {
  if (error instanceof PeerRequestError && error.code && ['BAD_USER_INPUT', 'CONFLICT', 'NOT_FOUND'].includes(error.code)) {
    throw new GraphQLError(error.errors[0]!.message, { extensions: { code: error.code } });
  }
  throw error;
}
