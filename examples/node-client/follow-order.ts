// A mobile-style client of Shopgraph's order subscriptions: it follows one order's status over
// graphql-ws and, when the connection drops, resubscribes with the last cursor it saw, so it gets
// every change it missed, in order, exactly once, then live ones.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

const ORDER_STATUS = `subscription FollowOrder($id: ID!, $after: String) {
  orderStatusChanged(orderId: $id, after: $after) {
    cursor
    previousStatus
    status
    order { id status items { productName quantity } }
  }
}`;

export interface OrderStatusEvent {
  cursor: string;
  previousStatus: string | null;
  status: string;
  order: { id: string; status: string; items: { productName: string; quantity: number }[] };
}

export interface FollowOptions {
  /** ws://host:4000/graphql */
  url: string;
  /** Called at every (re)connection, so a refreshed access token is used after an expiry. */
  accessToken: () => Promise<string> | string;
  orderId: string;
  onEvent: (event: OrderStatusEvent) => void;
  /** A GraphQL error (not yours, unknown order...): following stops; retrying would not help. */
  onError?: (message: string) => void;
  /** Milliseconds between reconnection attempts. */
  retryDelayMs?: number;
}

/** Follows the order until `stop()`; `client` is exposed so tests can cut the connection. */
export function followOrder(options: FollowOptions): { stop: () => Promise<void>; client: () => Client } {
  let after: string | undefined;
  let stopped = false;
  let client: Client | undefined;
  const connect = () =>
    createClient({
      url: options.url,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: async () => ({ authorization: `Bearer ${await options.accessToken()}` }),
    });

  const done = (async () => {
    while (!stopped) {
      client = connect();
      try {
        const events = client.iterate<{ orderStatusChanged: OrderStatusEvent }>({ query: ORDER_STATUS, variables: { id: options.orderId, after } });
        for await (const result of events) {
          if (result.errors?.length) {
            stopped = true;
            options.onError?.(result.errors[0]!.message);
            break;
          }
          const event = result.data!.orderStatusChanged;
          after = event.cursor;
          options.onEvent(event);
        }
      } catch {
        // Connection lost (or refused): try again after a pause, from the last cursor seen.
      } finally {
        await client.dispose();
      }
      if (!stopped) await new Promise((resolve) => setTimeout(resolve, options.retryDelayMs ?? 1_000));
    }
  })();

  return {
    client: () => client!,
    stop: async () => {
      stopped = true;
      client?.terminate();
      await done;
    },
  };
}
