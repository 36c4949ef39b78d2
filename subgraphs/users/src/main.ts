import { runSubgraphMain } from '@shopgraph/server';
import { startUsersService } from './service';

void runSubgraphMain('users', startUsersService);
