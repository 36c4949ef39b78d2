// What any Node gateway pays per request before it does any GraphQL work, measured with the parts
// ours uses: one subgraph call through our keep-alive fetcher (undici, as in production) with its
// answer parsed, and one ES256 access-token verification with jose. With the node:http ceiling of
// the last committed `bench:gateway` run (serving each request's bytes) and that run's subgraph
// calls per request, it gives each in-memory workload's floor, beside issue 17's target of 0.10x
// stock's CPU. `npm run bench:floor`; writes nothing, prints a table (docs/benchmarks.md quotes it).
import { fork } from 'node:child_process';
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { importJWK, jwtVerify, type JWK } from 'jose';
import { createKeepAliveFetcher } from '../../gateway/src/fetch/keep-alive-fetcher';
import { hasTaskset, pin } from './proc';
import { summarise, type Sample } from './report';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 50;
/** About a ProductPage subgraph call's size: its query, and an answer of a product with a description. */
const REQUEST_BODY = JSON.stringify({
  query:
    'query ProductPage__products__0($sku:String!){product(sku:$sku){__typename id sku name description price{amount currency}category{__typename id slug name}}}',
  variables: { sku: 'SG-00001' },
});
const ANSWER = JSON.stringify({
  data: {
    product: {
      __typename: 'Product',
      id: 'UHJvZHVjdDox',
      sku: 'SG-00001',
      name: 'Vintage Audio Speaker 1',
      description: 'A speaker. '.repeat(60),
      price: { amount: 12900, currency: 'USD' },
      category: { __typename: 'Category', id: 'Q2F0ZWdvcnk6MQ==', slug: 'audio', name: 'Audio' },
    },
  },
});

if (process.argv[2] === 'subgraph') {
  const answer = Buffer.from(ANSWER);
  createServer({ keepAliveTimeout: 65_000 }, (request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': answer.length });
      response.end(answer);
    });
  }).listen(0, '127.0.0.1', function (this: { address(): AddressInfo }) {
    process.send!(this.address().port);
  });
} else {
  void main();
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Runs `call` from CONNECTIONS loops for `seconds`; the CPU this process spent per call. */
async function cpuPerCall(call: () => Promise<unknown>, seconds: number): Promise<{ calls: number; cpuMs: number }> {
  const loop = async (end: number) => {
    let calls = 0;
    while (Date.now() < end) {
      await call();
      calls += 1;
    }
    return calls;
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, () => loop(Date.now() + 1_000)));
  const before = cpuMs();
  const end = Date.now() + seconds * 1_000;
  const calls = (await Promise.all(Array.from({ length: CONNECTIONS }, () => loop(end)))).reduce((a, b) => a + b, 0);
  return { calls, cpuMs: (cpuMs() - before) / calls };
}

async function subgraphCallCost(): Promise<number> {
  const subgraph = fork(__filename, ['subgraph'], { execArgv: ['--import', 'tsx'] });
  const port = await new Promise<number>((resolve) => subgraph.once('message', (message) => resolve(Number(message))));
  if (hasTaskset() && subgraph.pid) pin(subgraph.pid, '0');
  const fetcher = createKeepAliveFetcher();
  const url = `http://127.0.0.1:${port}/graphql`;
  const headers = { 'content-type': 'application/json', 'x-shopgraph-signature': `v1=${'a'.repeat(64)}`, 'x-shopgraph-viewer': 'user:42' };
  try {
    const result = await cpuPerCall(async () => (await fetcher(url, { method: 'POST', headers, body: REQUEST_BODY })).json(), SECONDS);
    return result.cpuMs;
  } finally {
    fetcher.destroy();
    subgraph.kill();
  }
}

async function verificationCost(): Promise<number> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const key = await importJWK({ ...(publicKey.export({ format: 'jwk' }) as JWK), alg: 'ES256' }, 'ES256');
  const header = Buffer.from(JSON.stringify({ alg: 'ES256', typ: 'JWT' })).toString('base64url');
  const mint = () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = Buffer.from(JSON.stringify({ sub: 'user:42', roles: ['customer'], iat: now, exp: now + 900, jti: randomUUID() })).toString('base64url');
    const signed = `${header}.${claims}`;
    return `${signed}.${sign('sha256', Buffer.from(signed), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
  };
  const tokens = Array.from({ length: 2_000 }, mint);
  let next = 0;
  const result = await cpuPerCall(() => jwtVerify(tokens[next++ % tokens.length]!, key), SECONDS);
  return result.cpuMs;
}

async function main() {
  if (hasTaskset()) pin(process.pid, '1');
  const latest = JSON.parse(readFileSync(join(__dirname, '..', 'results', 'gateway.json'), 'utf8')) as { date: string; samples: Record<string, Sample[]> };
  const call = await subgraphCallCost();
  const verify = await verificationCost();
  process.stdout.write(`one subgraph call (our keep-alive fetcher, answer parsed): ${call.toFixed(4)} CPU ms\n`);
  process.stdout.write(`one ES256 access-token verification (jose): ${verify.toFixed(4)} CPU ms\n\n`);
  process.stdout.write(`Against the committed bench:gateway run of ${latest.date}:\n\n`);
  process.stdout.write(
    '| workload | stock CPU ms | target (0.10x) | node:http ceiling | subgraph calls / request (ours) | floor | floor vs stock | ours now |\n',
  );
  process.stdout.write('|---|---:|---:|---:|---:|---:|---:|---:|\n');
  const workloads = ['storefront-memory', 'plan-miss', 'no-dedup', 'sibling-fetches', 'deep-response', 'fresh-tokens'];
  for (const id of workloads) {
    const stock = summarise(latest.samples[`apollo|${id}`]!).cpuMsPerRequest;
    const ceiling = summarise(latest.samples[`ceiling|${id}`]!).cpuMsPerRequest;
    const ours = summarise(latest.samples[`ours-hive|${id}`]!);
    const calls = ours.subgraphRequestsPerRequest ?? 0;
    const floor = ceiling + calls * call + (id === 'fresh-tokens' ? verify : 0);
    process.stdout.write(
      `| ${id} | ${stock.toFixed(3)} | ${(stock / 10).toFixed(3)} | ${ceiling.toFixed(3)} | ${calls.toFixed(2)} | ${floor.toFixed(3)} | ${(floor / stock).toFixed(2)}x | ${(ours.cpuMsPerRequest / stock).toFixed(2)}x |\n`,
    );
  }
}
