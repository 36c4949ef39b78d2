import { join } from 'node:path';
import { openServiceDatabase } from '@shopgraph/db';
import { listenSubgraph, type RunningService, type SubgraphRuntimeOptions } from '@shopgraph/server';
import { schema } from './db/database';
import { seedProducts } from './db/seed';
import { buildSubgraph } from './server';

/** Opens the database (created and migrated when needed), seeds, and listens. */
export async function startProductsService(options: SubgraphRuntimeOptions): Promise<RunningService> {
  const database = await openServiceDatabase({ url: options.databaseUrl, schema, migrationsFolder: join(__dirname, '..', 'drizzle') });
  if (options.seed) await seedProducts(database.db);
  return listenSubgraph('products', buildSubgraph({ db: database.db, production: options.production }), options, database);
}
