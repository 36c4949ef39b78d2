import type { EventBus } from '@shopgraph/events';
import type { RequestInfo, RequestScoped } from '@shopgraph/server';
import type { AnalyticsDb } from './db/database';
import type { CategoryLookup } from './peers/product-categories';

/** What every request shares: the fact tables, the bus (for rebuilds) and the checks made once per process. */
export interface AnalyticsServices {
  db: AnalyticsDb;
  events: EventBus;
  lookupCategories: CategoryLookup;
  checkTimeZone(name: string): Promise<string>;
}

export interface SubgraphContext extends RequestScoped, AnalyticsServices {}

export function createContext(services: AnalyticsServices, request: RequestInfo): SubgraphContext {
  return { requestId: request.requestId, logger: request.logger, viewer: request.viewer, ...services };
}
