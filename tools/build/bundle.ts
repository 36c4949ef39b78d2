import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { REPO_ROOT, type Deployable } from './deployables';

/**
 * Third-party packages a deployable installs instead of bundling: native addons, whose compiled
 * binary esbuild cannot inline (argon2; ws's optional bufferutil and utf-8-validate, absent unless
 * installed; the gateway's Hive query planner, @graphql-hive/router-query-planner). Everything else is bundled, at the exact version the repository installed and tested.
 * That keeps the production install small: @apollo/gateway alone pulls a second OpenTelemetry SDK
 * (1.x, for Apollo's usage reporting) beside ours (2.x); installed, the gateway's folder weighed
 * 217 MB, 138 MB of it OpenTelemetry packages shipping CommonJS, ESM and type copies of themselves.
 */
const INSTALLED_THIRD_PARTY = new Set(['argon2', 'bufferutil', 'utf-8-validate', '@graphql-hive/router-query-planner']);

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

/** The package.json Node would find for `name` from `fromDir` (a workspace may pin its own), if any. */
function manifestOf(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const manifest = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(manifest)) return manifest;
    if (dirname(dir) === dir) return undefined;
  }
}

const isInstalled = (name: string, fromDir: string) => manifestOf(name, fromDir) !== undefined;

function installedVersion(name: string, fromDir: string): string {
  const manifest = manifestOf(name, fromDir);
  if (!manifest) throw new Error(`${name} is imported from ${fromDir} but not installed`);
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** Leaves the packages that must be installed external, recording the installed version of each one the bundle imports. */
function installedPackages(versions: Map<string, string>): Plugin {
  return {
    name: 'installed-packages',
    setup(esbuild) {
      esbuild.onResolve({ filter: /^[^./]/ }, (args) => {
        const name = packageNameOf(args.path);
        if (args.path.startsWith('node:') || builtinModules.includes(name)) return { path: args.path, external: true };
        if (DEVELOPMENT_ONLY_THIRD_PARTY.has(name)) return { path: args.path, external: true };
        if (!INSTALLED_THIRD_PARTY.has(name)) return undefined;
        // An optional addon a package tries to require (ws's bufferutil) may not be installed at all.
        if (!isInstalled(name, args.resolveDir)) return { path: args.path, external: true };
        const version = installedVersion(name, args.resolveDir);
        const seen = versions.get(name);
        if (seen && seen !== version) throw new Error(`${name} is imported at two versions (${seen}, ${version}): one bundle can install only one`);
        versions.set(name, version);
        return { path: args.path, external: true };
      });
    },
  };
}

export interface BundledDeployable {
  /** Packages the deployable installs (native addons), name -> version. */
  installed: Map<string, string>;
  /** Third-party packages inlined into its bundles, name -> versions (a package can be inlined at two). */
  bundled: Map<string, string[]>;
}

/** Bundles a deployable's entries into `outDir`. */
export async function bundleDeployable(deployable: Deployable, outDir: string): Promise<BundledDeployable> {
  const versions = new Map<string, string>();
  const result = await build({
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
    // Stack traces need the mappings only; the sources' text would triple the map's size.
    sourcesContent: false,
    // Class and function names stay readable in logs and stack traces.
    keepNames: true,
    // runtime-files.ts: files are read from beside the bundle.
    define: { SHOPGRAPH_BUNDLE: 'true' },
    plugins: [installedPackages(versions)],
    logLevel: 'warning',
    metafile: true,
  });
  return { installed: sorted(versions), bundled: bundledPackagesOf(Object.keys(result.metafile.inputs)) };
}

const sorted = <T>(map: Map<string, T>) => new Map([...map].sort(([a], [b]) => a.localeCompare(b)));

/** The packages (name and version) whose files esbuild inlined, from the metafile's input paths. */
function bundledPackagesOf(inputs: string[]): Map<string, string[]> {
  const found = new Map<string, Set<string>>();
  for (const input of inputs) {
    const match = /^(.*node_modules\/)((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (!match) continue;
    const name = match[2]!;
    const manifest = join(REPO_ROOT, match[1]!, name, 'package.json');
    const version = (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
    found.set(name, (found.get(name) ?? new Set()).add(version));
  }
  return sorted(new Map([...found].map(([name, versions]) => [name, [...versions].sort()])));
}
