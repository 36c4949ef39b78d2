import { runMigrateMain, subgraphMigrationsDir } from '@shopgraph/server';

void runMigrateMain('analytics', subgraphMigrationsDir(__dirname));
