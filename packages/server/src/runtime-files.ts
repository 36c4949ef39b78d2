import { resolve } from 'node:path';
import { z } from '@shopgraph/config';

/**
 * Replaced by `true` in the bundles tools/build writes (esbuild `define`); undeclared, so
 * `typeof` is 'undefined', when the TypeScript runs from the repository (tsx, jest).
 */
declare const SHOPGRAPH_BUNDLE: boolean | undefined;

/** True in `dist/<service>/main.js`: runtime files sit beside the bundle there. */
export const runsFromBundle: boolean = typeof SHOPGRAPH_BUNDLE !== 'undefined' && SHOPGRAPH_BUNDLE;

/**
 * The default path of a file a deployable reads at run time. `sourceDir` is the caller's
 * `__dirname`: its source folder in the repository, the bundle's folder (`dist/<service>/`) in a
 * build, where tools/build copies the file under `bundledName`.
 */
export function runtimeFileDefault(sourceDir: string, bundledName: string, pathInRepository: string): string {
  return runsFromBundle ? resolve(sourceDir, bundledName) : resolve(sourceDir, pathInRepository);
}

/** SCHEMA_PATH and MIGRATIONS_DIR: where one subgraph process finds its SDL and drizzle migrations. */
export const runtimeFilesEnv = {
  SCHEMA_PATH: z.string().min(1).optional(),
  MIGRATIONS_DIR: z.string().min(1).optional(),
};

// A subgraph's src/ sits beside its schema.graphql and drizzle/ in the repository.

/** The subgraph's `schema.graphql`: SCHEMA_PATH, else beside the bundle or the package's own. */
export function subgraphSchemaPath(sourceDir: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.SCHEMA_PATH || runtimeFileDefault(sourceDir, 'schema.graphql', '../schema.graphql');
}

/** The subgraph's drizzle migrations folder: MIGRATIONS_DIR, else beside the bundle or the package's own. */
export function subgraphMigrationsDir(sourceDir: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.MIGRATIONS_DIR || runtimeFileDefault(sourceDir, 'drizzle', '../drizzle');
}
