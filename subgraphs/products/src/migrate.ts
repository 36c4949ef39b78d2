import { runMigrateMain, subgraphMigrationsDir } from '@shopgraph/server';

void runMigrateMain('products', subgraphMigrationsDir(__dirname));
