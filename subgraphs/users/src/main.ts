import { runSubgraphMain } from '@shopgraph/server';
import { usersEnvSchema } from './env';
import { startUsersService } from './service';

void runSubgraphMain('users', startUsersService, usersEnvSchema);
