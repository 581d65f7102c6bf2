import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
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
