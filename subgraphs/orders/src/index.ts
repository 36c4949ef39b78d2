export { startOrdersService as startService } from './service';
export { buildSubgraph } from './server';
