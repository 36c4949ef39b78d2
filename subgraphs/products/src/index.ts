export { startProductsService as startService } from './service';
export { buildSubgraph } from './server';
