import { runSubgraphMain } from '@shopgraph/server';
import { startOrdersService } from './service';

void runSubgraphMain('orders', startOrdersService);
