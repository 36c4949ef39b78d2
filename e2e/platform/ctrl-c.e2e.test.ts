// Ctrl-C on `npm start`: the terminal sends SIGINT to its whole foreground process group. The
// platform must stop in order (storefront, services, then its embedded PostgreSQL), log no error
// on the way, exit 0 and leave no PostgreSQL behind. It uses the fixed ports (4000-4005, 4100,
// 54329), so each run gets a network namespace of its own with only a loopback in it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GATEWAY_PORT } from '@shopgraph/config';

const ROOT = join(__dirname, '..', '..');
const canIsolate = process.getuid?.() === 0 && spawnSync('ip', ['netns', 'list']).status === 0;

function ip(...args: string[]): void {
  const result = spawnSync('ip', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ip ${args.join(' ')}: ${result.stderr}`);
}

interface Started {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the first output line that matches, or rejects when the process exits before. */
  line(pattern: RegExp): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * The command of package.json's `script` (`npm start`: node with tsx's loader, no build step) in the
 * namespace, leader of a process group of its own as a terminal's job is. Run as the command itself,
 * not under npm: npm's `sh -c` (dash) dies of the terminal's SIGINT after its child exits, whatever
 * the child's exit code, and npm then kills itself with it too. Without the prestart storefront build
 * the storefront is left out, and only warned about.
 */
function startPlatform(namespace: string, dataDir: string, script: 'start' | 'start:services'): Started {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'development',
    LOG_LEVEL: 'info',
    LOG_FORMAT: 'json',
    SHOPGRAPH_DATA_DIR: dataDir,
  };
  const [command, ...args] = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts[script]!.split(' ');
  // `ip netns exec` execs the command: the pid (and group) is the platform's.
  const child = spawn('ip', ['netns', 'exec', namespace, command!, ...args], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const waiters = new Set<() => void>();
  const onChunk = (chunk: Buffer) => {
    output += chunk.toString();
    for (const check of waiters) check();
  };
  child.stdout!.on('data', onChunk);
  child.stderr!.on('data', onChunk);
  // 'close', not 'exit': by then every line the process (and its children) wrote has been read.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  const line = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const found = output.split('\n').find((candidate) => pattern.test(candidate));
        if (found === undefined) return;
        waiters.delete(check);
        resolve(found);
      };
      waiters.add(check);
      check();
      void exited.then(({ code, signal }) => {
        if (!waiters.delete(check)) return;
        reject(new Error(`exited (${code ?? signal}) before a line matched ${pattern}:\n${output}`));
      });
    });
  return { child, output: () => output, line, exited };
}

/** A GraphQL query to the gateway from inside the namespace (the test's own loopback is another one). */
function queryGateway(namespace: string, query: string): { data?: unknown; errors?: unknown } {
  const result = spawnSync(
    'ip',
    [
      'netns',
      'exec',
      namespace,
      'curl',
      '-sS',
      '--max-time',
      '20',
      '-H',
      'content-type: application/json',
      '-d',
      JSON.stringify({ query }),
      `http://127.0.0.1:${GATEWAY_PORT}/graphql`,
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`curl to the gateway failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as { data?: unknown; errors?: unknown };
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Lines that pino logged at error (50) or fatal (60). */
const errorLines = (output: string) => output.split('\n').filter((line) => /"level":(50|60)/.test(line));

(canIsolate ? describe : describe.skip)('Ctrl-C on npm start (SIGINT to the whole process group)', () => {
  let namespace: string;
  let dataDir: string;
  let platform: Started | undefined;

  beforeEach(() => {
    namespace = `shopgraph-ctrl-c-${randomUUID().slice(0, 8)}`;
    ip('netns', 'add', namespace);
    ip('netns', 'exec', namespace, 'ip', 'link', 'set', 'lo', 'up');
    dataDir = mkdtempSync(join(tmpdir(), 'shopgraph-ctrl-c-'));
    // As root, PostgreSQL runs as the postgres user, which must be able to enter the folder.
    chmodSync(dataDir, 0o755);
  });
  afterEach(async () => {
    // Only after a failure is something still running: end the group, then what it left.
    if (platform && platform.child.exitCode === null && platform.child.signalCode === null) {
      process.kill(-platform.child.pid!, 'SIGKILL');
      await platform.exited;
    }
    const pidFile = join(dataDir, 'postgres', 'pgdata', 'postmaster.pid');
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
    platform = undefined;
    ip('netns', 'delete', namespace);
    rmSync(dataDir, { recursive: true, force: true });
  });

  test.each([
    ['one process (npm start)', 'start' as const],
    ['one process per service (npm run start:services)', 'start:services' as const],
  ])(
    '%s stops the services, then PostgreSQL, logs no error and exits 0',
    async (_mode, script) => {
      platform = startPlatform(namespace, dataDir, script);
      await platform.line(/Shopgraph is up/);
      expect(queryGateway(namespace, '{ products(first: 1) { totalCount } }')).toMatchObject({ data: { products: { totalCount: expect.any(Number) } } });
      const pidFile = join(dataDir, 'postgres', 'pgdata', 'postmaster.pid');
      const postgresPid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      expect(isAlive(postgresPid)).toBe(true);

      process.kill(-platform.child.pid!, 'SIGINT');
      const { code, signal } = await platform.exited;

      const output = platform.output();
      // The output rides along so that a failure shows what the platform said.
      expect({ code, signal, errors: errorLines(output), ...(code === 0 ? {} : { output: output.slice(-4_000) }) }).toEqual({
        code: 0,
        signal: null,
        errors: [],
      });
      expect(output).toMatch(/SIGINT: shutting down/);
      expect(output).not.toContain('CONNECTION_CLOSED');
      expect(isAlive(postgresPid)).toBe(false);
      // PostgreSQL removes its lock file only when it shut down cleanly.
      expect(existsSync(pidFile)).toBe(false);
    },
    240_000,
  );
});
