import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../../src/engine/paths.js';
import { createSandbox, type RunningSandbox } from '../../src/sandbox.js';
import { launchChromium } from '../dashboard/browser.js';

/**
 * The API reference pages' contact (each spec's `info.contact`, rendered by Swagger UI) names no third party's
 * site: where the seed names the API provider's own contact it is that (an email), otherwise this project, the
 * sandbox serving the page, on whatever port it listens.
 */

const EXPECTED: Record<string, { name: string; email?: string; url?: string }> = {
  cloud66: { name: 'Cloud 66 support (partner accounts)', email: 'support@cloud66.com' },
  centurylink: { name: 'CenturyLink Cloud Marketplace (seed contact)', email: 'marketplace@ctl.io' },
  integrator: { name: 'partner-sandbox', url: '/__sandbox/' },
  oem: { name: 'partner-sandbox', url: '/__sandbox/' },
};

describe("the API reference pages' contact", () => {
  let running: RunningSandbox;
  let browser: Browser;
  beforeAll(async () => {
    [running, browser] = await Promise.all([createSandbox({ store: 'memory' }).then((s) => s.listen(0, '127.0.0.1')), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  it.each(Object.keys(EXPECTED))('of %s is its seed-named provider or this project, in the file and as served', async (api) => {
    const file = (parse(readFileSync(fromRoot(`specs/${api}.yaml`), 'utf8')) as { info: { contact: Record<string, string> } }).info.contact;
    const served = ((await (await fetch(`${running.url}/__sandbox/docs/${api}/openapi.json`)).json()) as { info: { contact: unknown } }).info.contact;
    expect(served).toEqual(EXPECTED[api]);
    // The file names the sandbox at its default address, as its `servers` do; the page serves it on its own origin.
    expect(file).toEqual(EXPECTED[api].url ? { ...EXPECTED[api], url: `http://127.0.0.1:4010${EXPECTED[api].url}` } : EXPECTED[api]);
  });

  it('links the rendered page to the sandbox serving it, or mails the seed-named contact', async () => {
    const page = await browser.newPage();
    const links: Record<string, string[]> = {};
    for (const api of ['integrator', 'cloud66']) {
      await page.goto(`${running.url}/__sandbox/docs/${api}`);
      await page.locator('.info__contact a').first().waitFor({ timeout: 20_000 });
      links[api] = await page.locator('.info__contact a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    }
    expect(links).toEqual({ integrator: [`${running.url}/__sandbox/`], cloud66: ['mailto:support@cloud66.com'] });
    await page.close();
  }, 60_000);
});
