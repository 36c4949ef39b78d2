import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './deployables';

const root = require(join(REPO_ROOT, 'package.json')) as { version: string; engines: { node: string } };

/** dist/<name>/package.json: the bundle's third-party packages at the versions the repository tested. */
export async function writeInstallManifest(name: string, outDir: string, dependencies: ReadonlyMap<string, string>): Promise<void> {
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
