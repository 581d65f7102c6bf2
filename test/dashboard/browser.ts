import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { fromRoot } from '../../src/engine/paths.js';

/** Debian's Chromium: CI installs it (`.ci/run`); Playwright downloads no browser of its own. */
export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Screenshots of each page, for a person to look at after a run (gitignored). */
export const ARTIFACTS_DIR = fromRoot('test/artifacts');

/** Fails (never skips) without Chromium: a browser test that silently does not run proves nothing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: the dashboard's browser tests need Debian's Chromium. Install it with ` + '`apt-get update && apt-get install -y chromium` (.ci/run does this when it is missing).');
  }
  // No --user-data-dir: Playwright makes a fresh profile itself and refuses that flag.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: process.env.SANDBOX_SCREENSHOTS === "full" });
  return file;
}

/**
 * Records what a page does wrong: console errors (a CSP violation is one), uncaught exceptions, and any request
 * that leaves the sandbox's origin, which an offline page must never make.
 */
export function watchPage(page: Page, origin: string): { problems: string[] } {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) problems.push(`left the sandbox: ${url}`);
  });
  return { problems };
}

/** The centurylink usage update the dashboard tests send to make a journal entry and a state change. */
export const UPDATE = '/centurylink/update-subscription/';
export const usage = { coid: 'SANDBOX-COID-1', expired: 'false', sku: 'SANDBOX-SKU-1', count: 3, providerkey: 'sandbox-provider-key' };
export const BROWSER_TEST_MS = 60_000;

export interface BrowserSandbox {
  readonly sb: TestSandbox;
  readonly browser: Browser;
  /** The dashboard of one session in a new page, once its state has rendered, with what the page does wrong. */
  openDashboard(session: string, width?: number, height?: number): Promise<{ page: Page; problems: string[] }>;
}

/** One real sandbox and one Chromium for a test file, started before its first test and closed after its last. */
export function useBrowserSandbox(): BrowserSandbox {
  let sb: TestSandbox | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [sb, browser] = await Promise.all([startSandbox(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await sb?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useBrowserSandbox: used before beforeAll started it');
    return value;
  };
  return {
    get sb() {
      return started(sb);
    },
    get browser() {
      return started(browser);
    },
    async openDashboard(session, width = 1280, height = 800) {
      const page = await started(browser).newPage({ viewport: { width, height } });
      const { problems } = watchPage(page, started(sb).baseUrl);
      await page.goto(`${started(sb).baseUrl}/__sandbox/?session=${session}`);
      await page.locator('#state-apis details').first().waitFor();
      return { page, problems };
    },
  };
}
