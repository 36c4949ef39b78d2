export { startUsersService as startService } from './service';
export { buildSubgraph } from './server';
export { usersEnvSchema as envSchema } from './env';
