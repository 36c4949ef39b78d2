import { runMigrateMain, subgraphMigrationsDir } from '@shopgraph/server';

void runMigrateMain('inventory', subgraphMigrationsDir(__dirname));
