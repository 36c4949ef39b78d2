import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { dropTestDatabases, graphqlRequest, testDatabaseServerUrl, uniqueDatabasePrefix } from '@shopgraph/testing';

// Tracing must start before a process loads its modules, so the gateway and the subgraph run as
// child processes from their real entry points, exporting to a receiver in this test.
const REPO_ROOT = join(__dirname, '..', '..');
const SERVER = 2;
const CLIENT = 3;

interface ExportedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
}

interface OtlpJson {
  resourceSpans?: {
    resource?: { attributes?: { key: string; value: { stringValue?: string } }[] };
    scopeSpans?: { spans?: Omit<ExportedSpan, 'service'>[] }[];
  }[];
}

/** An OTLP/HTTP receiver for the JSON encoding: keeps every span posted to /v1/traces. */
async function startOtlpReceiver(): Promise<{ url: string; spans: ExportedSpan[]; close(): Promise<void> }> {
  const spans: ExportedSpan[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method === 'POST' && request.url === '/v1/traces') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpJson;
        for (const resourceSpans of body.resourceSpans ?? []) {
          const service = resourceSpans.resource?.attributes?.find((attribute) => attribute.key === 'service.name')?.value.stringValue ?? '?';
          for (const scope of resourceSpans.scopeSpans ?? []) for (const span of scope.spans ?? []) spans.push({ ...span, service });
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

interface ChildService {
  url: string;
  /** pino lines it has written so far. */
  logs: Record<string, unknown>[];
  stop(): Promise<void>;
}

/** Runs an entry point under tsx and waits for its "ready" log line, which carries its URL. */
function startChild(entryPoint: string, env: NodeJS.ProcessEnv): Promise<ChildService> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', entryPoint], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entryPoint} did not get ready in time\n${stderr}`)), 60_000);
    child.once('exit', (code) => reject(new Error(`${entryPoint} exited with ${code}\n${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      logs.push(entry);
      if (typeof entry.url === 'string' && String(entry.msg).endsWith('ready')) {
        clearTimeout(timer);
        resolve({ url: entry.url, logs, stop });
      }
    });
  });
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('OpenTelemetry tracing from the gateway to a subgraph', () => {
  const databasePrefix = uniqueDatabasePrefix();
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let products: ChildService | undefined;
  let gateway: ChildService | undefined;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    const { REDIS_URL: _inProcessState, ...parentEnv } = process.env;
    const env = {
      ...parentEnv,
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      PORT: '0',
      DATABASE_URL: testDatabaseServerUrl(),
      DATABASE_PREFIX: databasePrefix,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_BSP_SCHEDULE_DELAY: '100',
    };
    products = await startChild(join(REPO_ROOT, 'subgraphs', 'products', 'src', 'main.ts'), env);
    gateway = await startChild(join(REPO_ROOT, 'gateway', 'src', 'main.ts'), { ...env, PRODUCTS_URL: products.url });
  });

  afterAll(async () => {
    await Promise.all([gateway?.stop(), products?.stop()]);
    await receiver?.close();
    await dropTestDatabases(databasePrefix);
  });

  test("the gateway's spans and the subgraph's join the client's trace, each the child of its caller", async () => {
    const traceId = randomBytes(16).toString('hex');
    const clientSpanId = randomBytes(8).toString('hex');
    const response = await graphqlRequest(gateway!.url, '{ product(sku: "SG-00001") { name } }', undefined, {
      traceparent: `00-${traceId}-${clientSpanId}-01`,
    });
    expect(response.errors).toBeUndefined();
    expect(response.data?.product?.name).toEqual(expect.any(String));

    const inTrace = (service: string) => receiver.spans.filter((span) => span.traceId === traceId && span.service === service);
    // The gateway's server span is the client's span's child.
    const gatewayServer = await until('the gateway server span', () => inTrace('gateway').find((span) => span.kind === SERVER));
    expect(gatewayServer.parentSpanId).toBe(clientSpanId);
    // The subgraph's server span is the child of the gateway's outgoing fetch span.
    const productsServer = await until('the products server span', () => inTrace('products').find((span) => span.kind === SERVER));
    const gatewayFetch = await until('the gateway fetch span', () =>
      inTrace('gateway').find((span) => span.kind === CLIENT && span.spanId === productsServer.parentSpanId),
    );
    // ...which descends from the gateway's server span, through Apollo's own gateway.* spans.
    const gatewaySpans = new Map(inTrace('gateway').map((span) => [span.spanId, span]));
    const ancestors: string[] = [];
    for (let span = gatewaySpans.get(gatewayFetch.parentSpanId ?? ''); span; span = gatewaySpans.get(span.parentSpanId ?? '')) ancestors.push(span.spanId);
    expect(ancestors).toContain(gatewayServer.spanId);
  });

  test('a log line written inside a span carries its trace id', async () => {
    const traceId = randomBytes(16).toString('hex');
    // Unsigned, straight to the subgraph: it logs a warning while serving the request.
    const response = await graphqlRequest(products!.url, '{ __typename }', undefined, { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` });
    expect(response.status).toBe(401);
    const warning = await until('the refusal log line', () => products!.logs.find((line) => line.trace_id === traceId));
    expect(warning.msg).toMatch(/gateway signature/);
    expect(warning.span_id).toEqual(expect.stringMatching(/^[0-9a-f]{16}$/));
  });
});
