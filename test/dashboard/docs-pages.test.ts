import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { launchChromium, saveScreenshot, watchPage } from './browser.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const APIS = ['cloud66', 'centurylink', 'integrator', 'oem'];

describe('the API reference pages at /__sandbox/docs/', () => {
  let sb: TestSandbox;
  let browser: Browser;
  beforeAll(async () => {
    [sb, browser] = await Promise.all([startSandbox(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await sb?.close();
  });

  it('lists every API on the index, linked to its page', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const { problems } = watchPage(page, sb.baseUrl);
    await page.goto(`${sb.baseUrl}/__sandbox/docs/`);
    for (const api of APIS) expect(await page.locator(`main a[href="/__sandbox/docs/${api}"]`).count()).toBe(1);
    await saveScreenshot(page, 'docs-index');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it.each(APIS)('renders every operation of the %s spec, offline, with how the sandbox reaches each response', async (api) => {
    const spec = (await sb.admin('GET', `/docs/${api}/openapi.json`)).body;
    const operationIds: string[] = Object.values(spec.paths as Record<string, Record<string, { operationId: string }>>).flatMap((item) =>
      Object.entries(item).filter(([method]) => METHODS.includes(method)).map(([, op]) => op.operationId),
    );
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const { problems } = watchPage(page, sb.baseUrl);
    await page.goto(`${sb.baseUrl}/__sandbox/docs/${api}`);
    await page.locator('.opblock').nth(operationIds.length - 1).waitFor({ timeout: 20_000 });
    expect(await page.locator('.opblock').count()).toBe(operationIds.length);
    const shownIds = await page.locator('.opblock-summary-operation-id').allInnerTexts();
    expect(shownIds.map((id) => id.trim()).sort()).toEqual([...operationIds].sort());
    // Expanded by default: every response's note is on the page, readable and searchable. A long spec starts
    // folded; an operation opened with a click shows the notes of its responses.
    if (operationIds.length > 30) await page.locator('.opblock-summary').first().click();
    await page.getByText('Reached in the sandbox', { exact: false }).first().waitFor({ timeout: 20_000 });
    expect(await page.getByText('Reached in the sandbox', { exact: false }).count()).toBeGreaterThan(0);
    await saveScreenshot(page, `docs-${api}`);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('shows which scenario reaches a response on the CenturyLink page', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${sb.baseUrl}/__sandbox/docs/centurylink`);
    const provision = page.locator('.opblock', { has: page.locator('.opblock-summary-operation-id', { hasText: /^provisionAccount$/ }) });
    await provision.locator('.response[data-code="500"]').waitFor({ timeout: 20_000 });
    expect(await provision.locator('.response[data-code="500"]').innerText()).toContain('Reached in the sandbox by scenario centurylink/server-error');
    expect(await provision.locator('.response[data-code="201"]').innerText()).toContain('Reached in the sandbox through state.');
    await page.close();
  }, 60_000);
});
