export { startReviewsService as startService } from './service';
export { buildSubgraph } from './server';
