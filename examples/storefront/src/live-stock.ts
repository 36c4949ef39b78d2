import { useApolloClient } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import type { Availability } from './__generated__/graphql';
import { StockChangedSubscription } from './operations';

/**
 * A product's available units as they change (inventory's `stockChanged`, through the gateway over
 * graphql-ws); undefined until the first change after the page opened, when the query's value stands.
 */
export function useLiveStock(productId: string | undefined): number | undefined {
  const client = useApolloClient();
  const [available, setAvailable] = useState<number>();
  useEffect(() => {
    setAvailable(undefined);
    if (!productId) return;
    const subscription = client.subscribe({ query: StockChangedSubscription, variables: { productId } }).subscribe({
      next: (result) => {
        const event = result.data?.stockChanged;
        if (event) setAvailable(event.available);
      },
    });
    return () => subscription.unsubscribe();
  }, [client, productId]);
  return available;
}

/** What the inventory subgraph would say of `available` units with this low-stock threshold. */
export function availabilityOf(available: number, lowStockThreshold: number): Availability {
  if (available <= 0) return 'OUT_OF_STOCK';
  return available <= lowStockThreshold ? 'LOW_STOCK' : 'IN_STOCK';
}
