import { runMigrateMain, subgraphMigrationsDir } from '@shopgraph/server';

void runMigrateMain('users', subgraphMigrationsDir(__dirname));
