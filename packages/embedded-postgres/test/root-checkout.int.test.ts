import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from '../src';

// `npm start` as root from a checkout the postgres user cannot enter (under /root, 0700 on Debian,
// or a mktemp -d folder, as CI's clean clone): PostgreSQL refuses to run as root, so it runs as
// postgres, and its binaries and data must be where that user can reach them.
const asRoot = process.getuid?.() === 0 ? test : test.skip;
const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

let server: EmbeddedPostgresServer | undefined;
const checkout = mkdtempSync(join(tmpdir(), 'shopgraph-root-checkout-'));
afterAll(async () => {
  await server?.stop();
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
  rmSync(checkout, { recursive: true, force: true });
});

asRoot(
  'as root, with the data folder inside a folder only root may enter, the server starts, answers and keeps its data where postgres can reach it',
  async () => {
    expect(statSync(checkout).mode & 0o777).toBe(0o700);
    const port = await freePort();
    server = await startEmbeddedPostgres(join(checkout, '.data', 'postgres'), { port });
    expect(server.dataDir.startsWith('/var/tmp/shopgraph-postgres-')).toBe(true);
    const { stdout } = await promisify(execFile)('psql', [server.url, '-Atc', 'select 1 + 1']);
    expect(stdout.trim()).toBe('2');
  },
);
