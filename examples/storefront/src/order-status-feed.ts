import { useApolloClient } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import type { ShopOrderStatusSubscription } from './__generated__/graphql';
import { isConnected, onConnectionChange } from './apollo';
import { errorMessage } from './format';
import { OrderStatusSubscription } from './operations';

type StatusEvent = ShopOrderStatusSubscription['orderStatusChanged'];

// The oldest cursor there is: the first subscription replays every change the gateway still keeps
// (24 hours), so a page opened right after checkout shows PENDING then PAID as they happened.
const FROM_THE_START = '0-0';

/**
 * An order's status changes, live. graphql-ws reconnects by itself after a drop, but it would
 * resubscribe with the variables it first had; on every reconnection this resubscribes with the
 * last cursor seen as `after`, so the changes made while offline arrive once, in order.
 */
export function useOrderStatusFeed(orderId: string, enabled: boolean) {
  const client = useApolloClient();
  const [events, setEvents] = useState<StatusEvent[]>([]);
  const [connection, setConnection] = useState<'connecting' | 'live' | 'reconnecting'>('connecting');
  const [error, setError] = useState<string>();
  const lastCursor = useRef<string>(undefined);

  useEffect(() => {
    if (!enabled) return;
    const seen = new Set<string>();
    let current: { unsubscribe(): void } | undefined;
    let dropped = false;
    const subscribe = () => {
      current?.unsubscribe();
      current = client.subscribe({ query: OrderStatusSubscription, variables: { orderId, after: lastCursor.current ?? FROM_THE_START } }).subscribe({
        next: (result) => {
          const event = result.data?.orderStatusChanged;
          if (result.error) setError(errorMessage(result.error));
          if (!event || seen.has(event.cursor)) return;
          seen.add(event.cursor);
          lastCursor.current = event.cursor;
          setConnection('live');
          setEvents((previous) => [...previous, event]);
        },
        error: (caught) => setError(errorMessage(caught)),
      });
      if (isConnected()) setConnection('live');
    };
    const stop = onConnectionChange((state) => {
      if (state === 'closed') {
        dropped = true;
        setConnection('reconnecting');
        return;
      }
      setConnection('live');
      if (dropped) {
        dropped = false;
        subscribe();
      }
    });
    subscribe();
    return () => {
      stop();
      current?.unsubscribe();
    };
  }, [client, orderId, enabled]);

  return { events, connection, error };
}
