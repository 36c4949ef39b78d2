import { runSubgraphMain } from '@shopgraph/server';
import { inventoryEnvSchema } from './env';
import { startInventoryService } from './service';

void runSubgraphMain('inventory', startInventoryService, inventoryEnvSchema);
