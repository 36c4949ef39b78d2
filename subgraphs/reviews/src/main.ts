import { runSubgraphMain } from '@shopgraph/server';
import { reviewsEnvSchema } from './env';
import { startReviewsService } from './service';

void runSubgraphMain('reviews', startReviewsService, reviewsEnvSchema);
