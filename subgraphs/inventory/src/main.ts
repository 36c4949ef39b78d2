import { runSubgraphMain } from '@shopgraph/server';
import { startInventoryService } from './service';

void runSubgraphMain('inventory', startInventoryService);
