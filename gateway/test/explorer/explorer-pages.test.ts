import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoUsers, DEMO_PASSWORD } from '@shopgraph/demo-data';
import { createLogger } from '@shopgraph/logging';
import { EXPLORER_DEMO_LOGINS, type ExplorerConfig } from '../../src/explorer/explorer-config';
import { explorerPages } from '../../src/explorer/explorer-pages';
import { SANDBOX_EXAMPLES } from '../../src/sandbox-examples';

const INDEX = '<!doctype html><html><head><!-- explorer-config --></head><body><script type="module" src="./assets/app-1a2b.js"></script></body></html>';
const OUTSIDE = `outside-the-build-${process.pid}.txt`;
const logger = createLogger('explorer-test', 'silent');

/**
 * The explorer's pages on a server of their own. The path is passed as sent, not normalised as
 * serveGraphQL's URL parsing would, so the pages' own guard against leaving the build is what is tested.
 */
async function serve(distDir: string): Promise<{ url: string; server: Server }> {
  const pages = explorerPages({ distDir, logger });
  const server = createServer((request, response) => {
    const pathname = (request.url ?? '/').split('?')[0]!;
    if (pages.accepts(pathname)) return void pages.handle(request, response, pathname);
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe("the gateway's explorer pages", () => {
  let dist: string;
  let running: { url: string; server: Server };
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'explorer-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), INDEX);
    writeFileSync(join(dist, 'assets', 'app-1a2b.js'), 'console.log("explorer")');
    writeFileSync(join(dist, '..', OUTSIDE), 'secret');
    running = await serve(dist);
  });
  afterAll(async () => {
    await new Promise((resolve) => running.server.close(resolve));
    rmSync(dist, { recursive: true, force: true });
    rmSync(join(dist, '..', OUTSIDE), { force: true });
  });

  test("the page carries Sandbox's example operations and the demo logins, and allows nothing from other hosts", async () => {
    const page = await fetch(`${running.url}/graphiql/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    const html = await page.text();
    const json = /<script id="explorer-config" type="application\/json">(.*?)<\/script>/.exec(html)?.[1];
    const config = JSON.parse(json!) as ExplorerConfig;
    expect(config).toEqual({
      graphqlPath: '/graphql',
      document: SANDBOX_EXAMPLES.document,
      variables: SANDBOX_EXAMPLES.variables,
      demoLogins: EXPLORER_DEMO_LOGINS,
    });
    // `<` is escaped, so no text in the document can end the script element early.
    expect(json).not.toContain('<');
  });

  test('/graphiql redirects to /graphiql/, whose relative asset URLs resolve under it', async () => {
    const redirect = await fetch(`${running.url}/graphiql`, { redirect: 'manual' });
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get('location')).toBe('/graphiql/');
    const asset = await fetch(`${running.url}/graphiql/assets/app-1a2b.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    expect(await asset.text()).toContain('explorer');
  });

  test('a missing asset and a path out of the build are 404s', async () => {
    expect((await fetch(`${running.url}/graphiql/assets/missing.js`)).status).toBe(404);
    // fetch() and URL strings would normalise the dots away; node:http sends a `path` option as written.
    const outside = await new Promise<{ status: number; body: string }>((resolve, reject) =>
      get({ host: '127.0.0.1', port: new URL(running.url).port, path: `/graphiql/../${OUTSIDE}` }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      }).on('error', reject),
    );
    expect(outside).toEqual({ status: 404, body: 'Not found' });
  });

  test('without a build the page says how to make one', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'explorer-unbuilt-'));
    const unbuilt = await serve(empty);
    const page = await fetch(`${unbuilt.url}/graphiql/`);
    expect(page.status).toBe(404);
    expect(await page.text()).toMatch(/npm run build:explorer/);
    await new Promise((resolve) => unbuilt.server.close(resolve));
    rmSync(empty, { recursive: true, force: true });
  });
});

test("the explorer's demo logins are demo data accounts, one customer and one admin, with the seeded password", () => {
  for (const login of EXPLORER_DEMO_LOGINS) {
    expect(demoUsers.find((user) => user.email === login.email)?.role).toBe(login.role);
    expect(login.password).toBe(DEMO_PASSWORD);
  }
  expect(EXPLORER_DEMO_LOGINS.map((login) => login.role).sort()).toEqual(['ADMIN', 'CUSTOMER']);
});
