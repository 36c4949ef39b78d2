// Grafbase's Rust gateway, as `grafbase dev` runs it: composed by the CLI from each subgraph's own
// SDL (schema_path), offline, routing to the URLs given. It cannot sign subgraph requests (the
// HMAC over the exact body with a nonce that our subgraphs insist on) without an extension, so it
// runs on the in-memory subgraphs only, which sign what it sends the first time (memory-subgraphs.ts).
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GRAFBASE_BINARY } from './peers';

const ROOT = join(__dirname, '..', '..');
const READY_TIMEOUT_MS = 60_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** grafbase.toml: every subgraph by URL and SDL file, Authorization forwarded to all of them. */
function grafbaseConfig(subgraphUrls: Record<string, string>): string {
  const subgraphs = Object.entries(subgraphUrls).map(
    ([name, url]) => `[subgraphs.${name}]\nurl = "${url}"\nschema_path = "${join(ROOT, 'subgraphs', name, 'schema.graphql')}"\n`,
  );
  return `${subgraphs.join('\n')}\n[[headers]]\nrule = "forward"\nname = "authorization"\n`;
}

/** Polls until the gateway answers a query (composition and start-up done), or the process ends. */
async function waitUntilServing(url: string, exited: () => number | null): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited() !== null) throw new Error(`grafbase dev exited with ${exited()} before serving`);
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`grafbase dev did not serve ${url} within ${READY_TIMEOUT_MS / 1000} s`);
}

/** `grafbase dev` in a temporary home (no account, no update checks against a real one); its pid is the one measured. */
export async function startGrafbase(subgraphUrls: Record<string, string>): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'grafbase-bench-'));
  const config = join(dir, 'grafbase.toml');
  writeFileSync(config, grafbaseConfig(subgraphUrls));
  const port = await freePort();
  const child = spawn(GRAFBASE_BINARY, ['--home', dir, 'dev', '--config', config, '--port', String(port)], {
    cwd: dir,
    stdio: ['ignore', 'ignore', process.env.BENCH_GRAFBASE_LOGS ? 'inherit' : 'ignore'],
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  try {
    await waitUntilServing(url, () => child.exitCode);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => (clearTimeout(timer), resolve()));
      child.kill('SIGTERM');
    });
  return { url, pid: child.pid!, stop };
}
