export { startInventoryService as startService } from './service';
export { buildSubgraph } from './server';
