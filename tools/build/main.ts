import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { bundleDeployable } from './bundle';
import { DEPLOYABLES, REPO_ROOT } from './deployables';
import { writeBundledPackages, writeInstallManifest } from './install-manifest';

/**
 * `npm run build`: one self-contained folder per deployable under dist/: main.js (and migrate.js
 * for a subgraph) with every third-party package inlined, its runtime files, a package.json naming
 * the native addons it installs, and bundled-packages.json naming what is inlined, for scanners.
 * `npm run build -- gateway users` builds only those.
 */
async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const selected = only.length > 0 ? DEPLOYABLES.filter((deployable) => only.includes(deployable.name)) : DEPLOYABLES;
  if (selected.length !== (only.length || DEPLOYABLES.length))
    throw new Error(`unknown deployable in ${only.join(', ')}; known: ${DEPLOYABLES.map((d) => d.name).join(', ')}`);
  const started = performance.now();
  for (const deployable of selected) {
    const began = performance.now();
    const outDir = join(REPO_ROOT, 'dist', deployable.name);
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    const { installed, bundled } = await bundleDeployable(deployable, outDir);
    for (const [name, source] of Object.entries(deployable.runtimeFiles)) cpSync(join(REPO_ROOT, source), join(outDir, name), { recursive: true });
    writeInstallManifest(deployable.name, outDir, installed);
    writeBundledPackages(outDir, bundled);
    process.stdout.write(
      `dist/${deployable.name}: ${bundled.size} packages bundled, ${installed.size} to install, ${Math.round(performance.now() - began)} ms\n`,
    );
  }
  process.stdout.write(`built ${selected.length} deployables in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`build failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
