import { runMigrateMain, subgraphMigrationsDir } from '@shopgraph/server';

void runMigrateMain('reviews', subgraphMigrationsDir(__dirname));
