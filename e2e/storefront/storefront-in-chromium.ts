import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createLogger } from '@shopgraph/logging';
import { startStorefront, type RunningStorefront } from '@shopgraph/platform';
import { graphqlRequest, signIn, testRedisUrl, type GraphQLResponse } from '@shopgraph/testing';
import { startPlatformForTest, type TestPlatform } from '../support';
import { launchChromium, REPO_ROOT, textExpecter, viteBuildForTest } from '../support/browser';

const ARTIFACTS = join(REPO_ROOT, 'test-artifacts');
/** Polls until the element's text matches; a failure leaves a screenshot under test-artifacts/. */
export const expectText = textExpecter(ARTIFACTS);

export interface StorefrontInChromium {
  readonly platform: TestPlatform;
  readonly storefront: RunningStorefront;
  /** Every GraphQL document the pages sent, over HTTP and WebSocket. */
  readonly sentDocuments: Set<string>;
  /** The variables of every subscription the pages opened, in order. */
  readonly subscribeVariables: Record<string, unknown>[];
  /** A fresh browser profile (its own localStorage) that records every operation it sends. */
  openPage(): Promise<Page>;
  shoot(page: Page, name: string): Promise<Buffer>;
  /** An operation through the gateway as the demo admin. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read untyped responses field by field, as with graphqlRequest
  adminRequest(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<Record<string, any>>>;
  /** The folder screenshots (and failure screenshots) go to. */
  readonly artifacts: string;
}

/**
 * Registers beforeAll/afterAll on the enclosing describe: the storefront built as it is now (so no
 * test runs a stale dist/), a whole platform, the storefront's server in front of it, and Chromium.
 */
export function useStorefrontInChromium(artifactsName: string): StorefrontInChromium {
  const artifacts = join(ARTIFACTS, artifactsName);
  let platform: TestPlatform | undefined;
  let storefront: RunningStorefront | undefined;
  let browser: Browser | undefined;
  let distDir: string | undefined;
  let admin: Record<string, string> = {};
  const sentDocuments = new Set<string>();
  const subscribeVariables: Record<string, unknown>[] = [];

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    distDir = viteBuildForTest(join(REPO_ROOT, 'examples', 'storefront'));
    platform = await startPlatformForTest({ redisUrl: testRedisUrl() });
    storefront = await startStorefront({
      gatewayUrl: new URL(platform.gatewayUrl).origin,
      port: 0,
      distDir,
      logger: createLogger('storefront', process.env.LOG_LEVEL ?? 'silent'),
    });
    browser = await launchChromium();
    admin = (await signIn(platform.gatewayUrl, 'admin@shopgraph.dev')).headers;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await storefront?.stop();
    await platform?.stop();
    if (distDir) rmSync(distDir, { recursive: true, force: true });
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the storefront is not started (use it from inside a test)');
    return value;
  };
  return {
    get platform() {
      return started(platform);
    },
    get storefront() {
      return started(storefront);
    },
    sentDocuments,
    subscribeVariables,
    artifacts,
    async openPage() {
      const context = await started(browser).newContext({ viewport: { width: 1280, height: 860 } });
      const page = await context.newPage();
      page.on('request', (request) => {
        if (request.url().endsWith('/graphql') && request.method() === 'POST') sentDocuments.add((request.postDataJSON() as { query: string }).query);
      });
      page.on('websocket', (socket) =>
        socket.on('framesent', ({ payload }) => {
          const message = JSON.parse(String(payload)) as { type: string; payload?: { query: string; variables?: Record<string, unknown> } };
          if (message.type !== 'subscribe') return;
          sentDocuments.add(message.payload!.query);
          subscribeVariables.push(message.payload!.variables ?? {});
        }),
      );
      page.on('pageerror', (error) => process.stderr.write(`page error: ${error.message}\n`));
      return page;
    },
    shoot: (page, name) => page.screenshot({ path: join(artifacts, `${name}.png`) }),
    adminRequest: (query, variables = {}) => graphqlRequest(started(platform).gatewayUrl, query, variables, admin),
  };
}

/** Signs in through the storefront's own login page. */
export async function signInOnPage(page: Page, storefrontUrl: string, email: string, password: string, next = '/'): Promise<void> {
  await page.goto(`${storefrontUrl}/#/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expectText(page.getByTestId('signed-in-as'), /\w/);
}

export async function fillAddress(page: Page, recipient: string): Promise<void> {
  await page.getByLabel('Recipient').fill(recipient);
  await page.getByLabel('Street').fill('1 Main St');
  await page.getByLabel('City').fill('Springfield');
  await page.getByLabel('Postal code').fill('12345');
  await page.getByRole('button', { name: 'Save address' }).click();
  await page.getByTestId('address-form').waitFor({ state: 'detached' });
}
