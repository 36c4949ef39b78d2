import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Locator } from 'playwright-core';

// Debian's `chromium` package; .ci/run installs it.
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const REPO_ROOT = resolve(__dirname, '..', '..');

/** `describe` where Chromium is installed (and always in CI, where its absence must fail); elsewhere skipped with a message. */
export function describeInChromium(suiteName: string): jest.Describe {
  if (existsSync(CHROMIUM) || process.env.CI) return describe;
  process.stderr.write(`\n  ${suiteName} browser tests SKIPPED: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH).\n\n`);
  return describe.skip;
}

/** Builds a Vite workspace as it is now into a fresh temporary folder, so a test never serves a stale dist/. */
export function viteBuildForTest(workspaceDir: string): string {
  const outDir = mkdtempSync(join(tmpdir(), 'vite-build-'));
  // vite's exports hide its bin; npm puts it in the workspace's node_modules or the root's.
  const vite = [workspaceDir, REPO_ROOT].map((dir) => join(dir, 'node_modules', 'vite', 'bin', 'vite.js')).find((path) => existsSync(path))!;
  execFileSync(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], { cwd: workspaceDir, stdio: 'inherit' });
  return outDir;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Playwright's expect is not used with jest's: this polls until the element's (trimmed) text equals
 * `want` or matches it, and on a timeout leaves a screenshot in `artifactsDir`. Monaco's no-break
 * spaces read as spaces.
 */
export function textExpecter(artifactsDir: string) {
  return async function expectText(locator: Locator, want: string | RegExp, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = (await locator.innerText({ timeout: timeoutMs }).catch(() => '')).replace(/\u00a0/g, ' ').trim();
      if (typeof want === 'string' ? last === want : want.test(last)) return;
      await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    }
    const shot = join(artifactsDir, `failed-${Date.now()}.png`);
    await locator
      .page()
      .screenshot({ path: shot })
      .catch(() => undefined);
    throw new Error(`expected ${String(want)}, last saw ${JSON.stringify(last.slice(0, 2000))} (screenshot: ${shot})`);
  };
}
