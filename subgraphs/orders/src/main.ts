import { runSubgraphMain } from '@shopgraph/server';
import { ordersEnvSchema } from './env';
import { startOrdersService } from './service';

void runSubgraphMain('orders', startOrdersService, ordersEnvSchema);
