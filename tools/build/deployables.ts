import { join } from 'node:path';
import { SERVICE_NAMES } from '@shopgraph/config';

export const REPO_ROOT = join(__dirname, '..', '..');

/** One folder of `dist/`: what is bundled into it and which files it reads at run time. */
export interface Deployable {
  name: string;
  /** Output name (main, migrate) -> TypeScript entry, relative to the repository root. */
  entries: Record<string, string>;
  /** Name in dist/<name>/ -> file or folder in the repository; the service's runtime-files defaults look there. */
  runtimeFiles: Record<string, string>;
}

const subgraphs: Deployable[] = SERVICE_NAMES.map((name) => ({
  name,
  entries: { main: `subgraphs/${name}/src/main.ts`, migrate: `subgraphs/${name}/src/migrate.ts` },
  runtimeFiles: { 'schema.graphql': `subgraphs/${name}/schema.graphql`, drizzle: `subgraphs/${name}/drizzle` },
}));

const gateway: Deployable = {
  name: 'gateway',
  entries: { main: 'gateway/src/main.ts' },
  runtimeFiles: {
    'supergraph.graphql': 'schema/supergraph.graphql',
    'persisted-query-manifest.json': 'packages/operations/src/__generated__/persisted-query-manifest.json',
  },
};

/** Every deployable `npm run build` writes, gateway first. */
export const DEPLOYABLES: readonly Deployable[] = [gateway, ...subgraphs];
