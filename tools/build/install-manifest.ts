import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './deployables';

const root = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string; engines: { node: string } };

/** dist/<name>/package.json: the packages the bundle leaves to an install (native addons), at the versions the repository tested. */
export function writeInstallManifest(name: string, outDir: string, dependencies: ReadonlyMap<string, string>): void {
  const scripts: Record<string, string> = { start: 'node main.js' };
  if (existsSync(join(outDir, 'migrate.js'))) scripts.migrate = 'node migrate.js';
  const manifest = {
    name: `shopgraph-${name}`,
    version: root.version,
    private: true,
    description: `Shopgraph ${name}, built by \`npm run build\` (tools/build); install with npm ci --omit=dev`,
    license: 'MIT',
    engines: root.engines,
    scripts,
    dependencies: Object.fromEntries(dependencies),
  };
  writeFileSync(join(outDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * dist/<name>/bundled-packages.json: every third-party package inlined into the bundle, with its
 * version. A vulnerability scanner finds no node_modules to read in the image; it can read this.
 */
export function writeBundledPackages(outDir: string, bundled: ReadonlyMap<string, string[]>): void {
  writeFileSync(join(outDir, 'bundled-packages.json'), `${JSON.stringify(Object.fromEntries(bundled), null, 2)}\n`);
}
