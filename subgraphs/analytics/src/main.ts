import { runSubgraphMain } from '@shopgraph/server';
import { analyticsEnvSchema } from './env';
import { startAnalyticsService } from './service';

void runSubgraphMain('analytics', startAnalyticsService, analyticsEnvSchema);
