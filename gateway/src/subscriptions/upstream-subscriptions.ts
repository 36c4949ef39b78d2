import { createClient, type Client, type ExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import type { GraphQLFormattedError } from 'graphql';
import type { Viewer } from '@shopgraph/auth';
import type { Logger } from '@shopgraph/logging';
import { ErrorCode } from '@shopgraph/server';
import { CURSOR_EXTENSION, signSubscription, type SubscriptionRequestPayload } from '@shopgraph/subscriptions';
import { ResultQueue } from './result-queue';

export interface UpstreamOptions {
  gatewaySecret: string;
  /** A subgraph's GraphQL URL (http), read at each (re)connection: it may change on a supergraph reload. */
  subgraphUrl(serviceName: string): string | undefined;
  logger: Logger;
}

/** Results received and not yet processed (each event's remaining plan runs in turn) before the subscription fails. */
const MAX_UNPROCESSED_RESULTS = 10_000;

/** Waits before reconnecting to a subgraph: 100 ms, doubling, at most 2 s (a restart takes about that). */
const retryWait = (retries: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(2_000, 100 * 2 ** retries)));

/**
 * One graphql-ws connection per subgraph, every upstream subscription multiplexed on it. Each
 * `subscribe` carries the viewer signed in its extensions; when the connection drops (the subgraph
 * restarted, the network cut) graphql-ws reconnects and sends each subscription again, now with
 * `resumeAfter` = the last cursor it received, so the subgraph replays exactly what was missed.
 */
export class UpstreamSubscriptions {
  private readonly clients = new Map<string, Client>();

  constructor(private readonly options: UpstreamOptions) {}

  /** The subgraph's results for one operation, until it completes or the consumer returns. */
  open(serviceName: string, request: SubscriptionRequestPayload, viewer: Viewer): AsyncIterableIterator<ExecutionResult> {
    const client = this.clientFor(serviceName);
    const { gatewaySecret } = this.options;
    let lastCursor: string | undefined;
    // graphql-ws sends this very object again on every reconnection: the getter signs afresh (the
    // signature expires) and carries the cursor reached so far.
    const payload = { query: request.query, operationName: request.operationName ?? null, variables: request.variables ?? {} };
    Object.defineProperty(payload, 'extensions', { enumerable: true, get: () => ({ ...signSubscription(gatewaySecret, viewer, payload, lastCursor) }) });
    let unsubscribe = () => {};
    const results = new ResultQueue<ExecutionResult>(() => unsubscribe());
    unsubscribe = client.subscribe(payload, {
      next: (result) => {
        const cursor = (result.extensions as Record<string, unknown> | undefined)?.[CURSOR_EXTENSION];
        if (typeof cursor === 'string') lastCursor = cursor;
        // A result with neither data nor errors only says where the stream is (its start): nothing for the client.
        if (result.data === undefined && result.errors === undefined) return;
        if (results.length < MAX_UNPROCESSED_RESULTS) results.push(result as ExecutionResult);
        else results.end(new Error(`More than ${MAX_UNPROCESSED_RESULTS} upstream results waiting`));
      },
      // The subgraph refused the operation (its GraphQL errors), or the connection failed for good:
      // either way the client hears it as this subscription's last result, its others go on.
      error: (error) => {
        const errors = Array.isArray(error) ? (error as GraphQLFormattedError[]) : [unavailable(serviceName, error)];
        results.push({ errors } as unknown as ExecutionResult);
        results.end();
      },
      complete: () => results.end(),
    });
    return results;
  }

  private clientFor(serviceName: string): Client {
    let client = this.clients.get(serviceName);
    if (!client) {
      client = createClient({
        url: () => {
          const url = this.options.subgraphUrl(serviceName);
          if (!url) throw new Error(`No subgraph named "${serviceName}"`);
          return url.replace(/^http/, 'ws');
        },
        webSocketImpl: WebSocket,
        lazy: true,
        // Kept open a moment after the last subscription ends, for the next one.
        lazyCloseTimeout: 5_000,
        keepAlive: 10_000,
        retryAttempts: Number.POSITIVE_INFINITY,
        shouldRetry: () => true,
        retryWait,
        on: {
          closed: (event) =>
            this.options.logger.debug({ subgraph: serviceName, code: (event as { code?: number }).code }, 'upstream subscription connection closed'),
        },
      });
      this.clients.set(serviceName, client);
    }
    return client;
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((client) => client.dispose()));
    this.clients.clear();
  }
}

function unavailable(serviceName: string, error: unknown): GraphQLFormattedError {
  const reason = error instanceof Error ? error.message : String((error as { reason?: unknown })?.reason ?? error);
  return { message: `The ${serviceName} subgraph's subscriptions are unavailable (${reason})`, extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } };
}
