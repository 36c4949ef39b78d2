import { runSubgraphMain } from '@shopgraph/server';
import { startReviewsService } from './service';

void runSubgraphMain('reviews', startReviewsService);
