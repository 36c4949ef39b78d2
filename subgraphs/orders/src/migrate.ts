import { runMigrateMain, subgraphMigrationsDir } from '@shopgraph/server';

void runMigrateMain('orders', subgraphMigrationsDir(__dirname));
