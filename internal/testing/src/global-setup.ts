import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { redisAnswers } from '@shopgraph/cache';
import { DEFAULT_TEST_REDIS_URL } from './redis';
import { startEmbeddedPostgres } from '@shopgraph/embedded-postgres';

async function answers(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/**
 * Jest global setup: use DATABASE_URL when given; otherwise start embedded PostgreSQL for this
 * run. With SHOPGRAPH_REQUIRE_SERVICES=1 (CI) a DATABASE_URL that does not answer fails the run.
 */
export default async function globalSetup(): Promise<void> {
  // Every jest project with service tests names this setup; jest runs it once per such project, in
  // one process: the first run finds (or starts) the servers, the others find them found.
  if (process.env.SHOPGRAPH_TEST_SERVICES_FOUND === '1') return;
  await findRedis();
  await findPostgres();
  process.env.SHOPGRAPH_TEST_SERVICES_FOUND = '1';
}

const required = () => process.env.SHOPGRAPH_REQUIRE_SERVICES === '1';

async function findRedis(): Promise<void> {
  const url = process.env.REDIS_URL ?? DEFAULT_TEST_REDIS_URL;
  if (await redisAnswers(url)) {
    process.env.SHOPGRAPH_TEST_REDIS_URL = url;
    return;
  }
  if (required()) throw new Error(`Redis at ${url} does not answer and SHOPGRAPH_REQUIRE_SERVICES=1`);
  process.env.SHOPGRAPH_TEST_REDIS_URL = '';
  process.stderr.write(`\n*** No Redis answers at ${url}: Redis-backed suites are SKIPPED (set REDIS_URL) ***\n\n`);
}

async function findPostgres(): Promise<void> {
  const given = process.env.DATABASE_URL;
  if (given) {
    if (await answers(given)) return;
    if (required()) throw new Error(`Postgres at DATABASE_URL does not answer and SHOPGRAPH_REQUIRE_SERVICES=1`);
    process.stderr.write(`\n*** DATABASE_URL does not answer; starting embedded PostgreSQL for the tests ***\n`);
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'shopgraph-test-pg-'));
  const server = await startEmbeddedPostgres(dataDir, { port: 54330 + Math.floor(Math.random() * 500) });
  process.env.SHOPGRAPH_TEST_DATABASE_URL = server.url;
  delete process.env.DATABASE_URL;
  (globalThis as { __embeddedPostgres?: unknown }).__embeddedPostgres = {
    stop: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
