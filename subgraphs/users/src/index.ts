export { startUsersService as startService } from './service';
export { buildSubgraph } from './server';
