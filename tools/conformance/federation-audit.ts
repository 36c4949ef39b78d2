// Runs The Guild's federation-gateway-audit (github.com/graphql-hive/federation-gateway-audit)
// against our gateway: the audit's CLI serves every suite's subgraphs and supergraph and runs its
// tests; for each suite it starts our gateway (audit-gateway.ts, a process of its own) through a
// run script written here. See docs/conformance.md.
//
//   npm run conformance:audit -- <audit checkout> [--out results.json] [--logs dir]
//   (or AUDIT_DIR=<audit checkout>; GATEWAY_ENGINE / GATEWAY_QUERY_PLANNER pick the variant)
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { engineOptionsOf } from '@shopgraph/gateway';

const REPO_ROOT = resolve(__dirname, '../..');
const GET_AUDIT = [
  'git clone https://github.com/graphql-hive/federation-gateway-audit /work/audit-src',
  'cd /work/audit-src && npm ci   # see docs/conformance.md if a dev dependency is unavailable',
].join('\n  ');

interface SuiteResult {
  id: string;
  passed: number;
  total: number;
  failed: string[];
}

interface AuditSummary {
  variant: { engine: string; queryPlanner: string };
  auditCommit: string | null;
  passed: number;
  total: number;
  failed: string[];
  suites: SuiteResult[];
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The audit's results file: a suite id, then one `.` (passed) or `X` (failed) per test, per suite. */
export function parseResults(text: string): SuiteResult[] {
  const lines = text.split('\n');
  const suites: SuiteResult[] = [];
  for (let index = 0; index + 1 < lines.length && lines[index] !== ''; index += 2) {
    const id = lines[index]!;
    const marks = [...lines[index + 1]!];
    const failed = marks.flatMap((mark, test) => (mark === 'X' ? [`${id}_${test}`] : []));
    suites.push({ id, passed: marks.filter((mark) => mark === '.').length, total: marks.length, failed });
  }
  return suites;
}

function auditCommit(auditDir: string): string | null {
  try {
    const head = readFileSync(join(auditDir, '.git/HEAD'), 'utf8').trim();
    const ref = head.startsWith('ref: ') ? head.slice(5) : undefined;
    return ref ? readFileSync(join(auditDir, '.git', ref), 'utf8').trim() : head;
  } catch {
    return null;
  }
}

/**
 * Before each suite the audit frees the gateway's port with `lsof | xargs kill`, which on an idle
 * port (always, here) prints kill's usage text; that text is dropped, everything else passes.
 */
function passThroughWithoutKillNoise(from: Readable, to: NodeJS.WritableStream): void {
  let inUsage = false;
  createInterface({ input: from, crlfDelay: Infinity }).on('line', (line) => {
    if (line.startsWith('xargs -') || line.startsWith('Usage:')) inUsage = true;
    if (!inUsage) to.write(`${line}\n`);
    if (line.startsWith('For more details see kill(1)')) inUsage = false;
  });
}

function runAuditCli(auditDir: string, args: string[], env: Record<string, string>): Promise<void> {
  // Run from the repository root so `--import tsx` resolves our tsx; the audit's paths are absolute.
  const polyfill = join(__dirname, 'node20-polyfill.mjs');
  const child = spawn(process.execPath, ['--import', polyfill, '--import', 'tsx', join(auditDir, 'src/cli.ts'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  passThroughWithoutKillNoise(child.stdout, process.stdout);
  passThroughWithoutKillNoise(child.stderr, process.stderr);
  return new Promise((resolveRun, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolveRun() : reject(new Error(`the audit CLI exited with ${code}`))));
  });
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { out: { type: 'string' }, logs: { type: 'string' } },
  });
  const auditDir = resolve(positionals[0] ?? process.env.AUDIT_DIR ?? fail(`Give the audit checkout as an argument or AUDIT_DIR. To get it:\n  ${GET_AUDIT}`));
  if (!existsSync(join(auditDir, 'src/cli.ts'))) fail(`${auditDir} is not a federation-gateway-audit checkout (no src/cli.ts). To get it:\n  ${GET_AUDIT}`);
  if (!existsSync(join(auditDir, 'node_modules/@apollo/composition')) || !existsSync(join(auditDir, 'node_modules/graphql')))
    fail(`${auditDir} has no dependencies installed: run npm ci there (docs/conformance.md).`);
  const variant = engineOptionsOf(process.env);
  const work = mkdtempSync(join(tmpdir(), 'federation-audit-'));
  const logs = values.logs ? resolve(values.logs) : undefined;
  const [gatewayPort, auditPort] = [await freePort(), await freePort()];
  // The audit runs `sh run.sh <suite>` per suite and SIGTERMs the shell: exec makes it our gateway.
  const runScript = join(work, 'run.sh');
  writeFileSync(
    runScript,
    [
      '#!/bin/sh',
      'set -e',
      `cd '${auditDir}' && node --import '${join(__dirname, 'node20-polyfill.mjs')}' --import '${REPO_ROOT}/node_modules/tsx/dist/esm/index.mjs' src/cli.ts supergraph --cwd '${work}' --test "$1" --port ${auditPort}`,
      `cd '${REPO_ROOT}' && exec node --import tsx tools/conformance/audit-gateway.ts '${work}/supergraph.graphql'`,
      '',
    ].join('\n'),
  );
  chmodSync(runScript, 0o755);
  const graphql = `http://127.0.0.1:${gatewayPort}`;
  process.stdout.write(`federation-gateway-audit at ${auditDir}, engine ${variant.engine}, planner ${variant.queryPlanner}\n`);
  try {
    await runAuditCli(
      auditDir,
      ['test', '--cwd', work, '--run-script', runScript, '--graphql', `${graphql}/graphql`, '--healthcheck', `${graphql}/health`, '--port', String(auditPort)],
      // The audit waits 5 s for a gateway by default; ours starts under tsx, which can take longer.
      { AUDIT_GATEWAY_PORT: String(gatewayPort), GATEWAY_TIMEOUT: '60000' },
    );
    const suites = parseResults(readFileSync(join(work, 'results.txt'), 'utf8'));
    const summary: AuditSummary = {
      variant,
      auditCommit: auditCommit(auditDir),
      passed: suites.reduce((sum, suite) => sum + suite.passed, 0),
      total: suites.reduce((sum, suite) => sum + suite.total, 0),
      failed: suites.flatMap((suite) => suite.failed),
      suites,
    };
    process.stdout.write(`\n${summary.passed}/${summary.total} passed (${suites.length} suites)\n`);
    for (const name of summary.failed) process.stdout.write(`  failed: ${name}\n`);
    if (values.out) {
      mkdirSync(dirname(resolve(values.out)), { recursive: true });
      writeFileSync(values.out, `${JSON.stringify(summary, null, 2)}\n`);
      process.stdout.write(`wrote ${values.out}\n`);
    }
    if (logs) {
      mkdirSync(logs, { recursive: true });
      for (const suite of suites) {
        for (const kind of ['tests', 'gateway']) {
          const file = join(work, 'logs', `${suite.id}-${kind}.log`);
          if (existsSync(file)) writeFileSync(join(logs, `${suite.id}-${kind}.log`), readFileSync(file));
        }
      }
      process.stdout.write(`per-suite logs (the failing tests' diffs) in ${logs}\n`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => fail(String(error instanceof Error ? error.message : error)));
