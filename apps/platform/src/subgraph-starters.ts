import type { ServiceName } from '@shopgraph/config';
import type { RunningService, SubgraphRuntimeOptions } from '@shopgraph/server';
import { startService as startAnalytics } from '@shopgraph/analytics';
import { startService as startInventory } from '@shopgraph/inventory';
import { startService as startOrders } from '@shopgraph/orders';
import { startService as startProducts } from '@shopgraph/products';
import { startService as startReviews } from '@shopgraph/reviews';
import { startService as startUsers } from '@shopgraph/users';

export const SUBGRAPH_STARTERS: Record<ServiceName, (options: SubgraphRuntimeOptions) => Promise<RunningService>> = {
  users: startUsers,
  products: startProducts,
  orders: startOrders,
  inventory: startInventory,
  reviews: startReviews,
  analytics: startAnalytics,
};
