import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { REPO_ROOT, type Deployable } from './deployables';

/**
 * Third-party packages that are bundled instead of installed. postgres: the repository patches it
 * (patches/, applied by patch-package at `npm install`), and a production install of the bundle
 * would fetch the unpatched release. drizzle-orm: its postgres-js driver requires 'postgres', which
 * an install without it could not find (the production-install test caught that); bundled
 * together, the driver gets the patched copy.
 */
const BUNDLED_THIRD_PARTY = new Set(['postgres', 'drizzle-orm']);

/**
 * Third-party packages a bundle may require but a production install leaves out: left external and
 * not written to its package.json. pino-pretty: @shopgraph/logging requires it only for pretty
 * lines (a terminal outside production, or LOG_FORMAT=pretty); production logs JSON.
 */
const DEVELOPMENT_ONLY_THIRD_PARTY = new Set(['pino-pretty']);

/** The package a bare import names: `drizzle-orm/pg-core` -> `drizzle-orm`, `@apollo/server/x` -> `@apollo/server`. */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** The version installed where Node would find `name` from `fromDir` (a workspace may pin its own). */
function installedVersion(name: string, fromDir: string): string {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const manifest = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(manifest)) return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
    if (dirname(dir) === dir) throw new Error(`${name} is imported from ${fromDir} but not installed`);
  }
}

/**
 * Inlines @shopgraph/* workspace code and leaves third-party packages external, recording the
 * installed version of each one the bundle imports.
 */
function externalThirdParty(versions: Map<string, string>): Plugin {
  return {
    name: 'external-third-party',
    setup(esbuild) {
      esbuild.onResolve({ filter: /^[^./]/ }, (args) => {
        const name = packageNameOf(args.path);
        if (args.path.startsWith('node:') || builtinModules.includes(name)) return { path: args.path, external: true };
        if (name.startsWith('@shopgraph/') || BUNDLED_THIRD_PARTY.has(name)) return undefined;
        if (DEVELOPMENT_ONLY_THIRD_PARTY.has(name)) return { path: args.path, external: true };
        const version = installedVersion(name, args.resolveDir);
        const seen = versions.get(name);
        if (seen && seen !== version) throw new Error(`${name} is imported at two versions (${seen}, ${version}): one bundle can install only one`);
        versions.set(name, version);
        return { path: args.path, external: true };
      });
    },
  };
}

/** Bundles a deployable's entries into `outDir`; returns its external packages and their versions. */
export async function bundleDeployable(deployable: Deployable, outDir: string): Promise<Map<string, string>> {
  const versions = new Map<string, string>();
  await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: Object.fromEntries(Object.entries(deployable.entries).map(([out, entry]) => [out, join(REPO_ROOT, entry)])),
    outdir: outDir,
    bundle: true,
    platform: 'node',
    // The oldest Node `engines` admits.
    target: 'node20.19',
    // CommonJS like the sources (they use __dirname and lazy require()).
    format: 'cjs',
    sourcemap: 'linked',
    // Class and function names stay readable in logs and stack traces.
    keepNames: true,
    // runtime-files.ts: files are read from beside the bundle.
    define: { SHOPGRAPH_BUNDLE: 'true' },
    plugins: [externalThirdParty(versions)],
    logLevel: 'warning',
  });
  return new Map([...versions].sort(([a], [b]) => a.localeCompare(b)));
}
