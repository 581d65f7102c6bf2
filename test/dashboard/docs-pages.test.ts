import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { saveScreenshot, useBrowserSandbox, watchPage } from './browser.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const APIS = ['cloud66', 'centurylink', 'integrator', 'oem'];

/** One operation's block on a rendered docs page, found by the operationId it shows. */
const operationBlock = (page: Page, operationId: string) =>
  page.locator('.opblock', { has: page.locator('.opblock-summary-operation-id', { hasText: new RegExp(`^${operationId}$`) }) });
/** The text of every rendered Markdown description on the page (Swagger UI's two Markdown renderers). */
const renderedMarkdown = (page: Page) => page.locator('.markdown, .renderedMarkdown').allInnerTexts();

describe('the API reference pages at /__sandbox/docs/', () => {
  const env = useBrowserSandbox();

  it('lists every API on the index, linked to its page', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const { problems } = watchPage(page, env.sb.baseUrl);
    await page.goto(`${env.sb.baseUrl}/__sandbox/docs/`);
    for (const api of APIS) expect(await page.locator(`main a[href="/__sandbox/docs/${api}"]`).count()).toBe(1);
    await saveScreenshot(page, 'docs-index');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it.each(APIS)('renders every operation of the %s spec, offline, with how the sandbox reaches each response', async (api) => {
    const spec = (await env.sb.admin('GET', `/docs/${api}/openapi.json`)).body;
    const operationIds: string[] = Object.values(spec.paths as Record<string, Record<string, { operationId: string }>>).flatMap((item) =>
      Object.entries(item).filter(([method]) => METHODS.includes(method)).map(([, op]) => op.operationId),
    );
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const { problems } = watchPage(page, env.sb.baseUrl);
    await page.goto(`${env.sb.baseUrl}/__sandbox/docs/${api}`);
    await page.locator('.opblock').nth(operationIds.length - 1).waitFor({ timeout: 20_000 });
    expect(await page.locator('.opblock').count()).toBe(operationIds.length);
    const shownIds = await page.locator('.opblock-summary-operation-id').allInnerTexts();
    expect(shownIds.map((id) => id.trim()).sort()).toEqual([...operationIds].sort());
    // Expanded by default: every response's note is on the page, readable and searchable. A long spec starts
    // folded; an operation opened with a click shows the notes of its responses.
    if (operationIds.length > 30) await page.locator('.opblock-summary').first().click();
    await page.getByText('Reached in the sandbox', { exact: false }).first().waitFor({ timeout: 20_000 });
    expect(await page.getByText('Reached in the sandbox', { exact: false }).count()).toBeGreaterThan(0);
    // Every [INF]/[SRC] marker rendered so far is a badge, written as text or as code (OEM writes `[INF]`), and in
    // a description opened later (the folded integrator.io page's first operation, opened above).
    await page.locator('.tag-inf, .tag-src').first().waitFor({ timeout: 20_000 });
    expect(await page.locator('code', { hasText: /^\[(INF|SRC)\]$/ }).count()).toBe(0);
    expect((await renderedMarkdown(page)).filter((t) => /\[(INF|SRC)\]/.test(t))).toEqual([]);
    if (operationIds.length > 30) expect(await page.locator('.opblock').first().locator('.opblock-body .tag-inf, .opblock-body .tag-src').count()).toBeGreaterThan(0);
    await saveScreenshot(page, `docs-${api}`);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('shows which scenario reaches a response on the CenturyLink page', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${env.sb.baseUrl}/__sandbox/docs/centurylink`);
    const provision = page.locator('.opblock', { has: page.locator('.opblock-summary-operation-id', { hasText: /^provisionAccount$/ }) });
    await provision.locator('.response[data-code="500"]').waitFor({ timeout: 20_000 });
    expect(await provision.locator('.response[data-code="500"]').innerText()).toContain('Reached in the sandbox by scenario centurylink/server-error');
    expect(await provision.locator('.response[data-code="201"]').innerText()).toContain('Reached in the sandbox through state.');
    await page.close();
  }, 60_000);

  it('sends X-Mock-Session and Prefer from "Try it out": the request lands in that session, forced to the status asked', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const { problems } = watchPage(page, env.sb.baseUrl);
    await page.goto(`${env.sb.baseUrl}/__sandbox/docs/cloud66`);
    const link = operationBlock(page, 'linkPartnerIntegration');
    await link.locator('button.try-out__btn').click();
    const session = `docs-try-${randomUUID()}`;
    await link.locator('tr[data-param-name="X-Mock-Session"][data-param-in="header"] input').fill(session);
    await link.locator('tr[data-param-name="Prefer"][data-param-in="header"] input').fill('code=403, example=already-linked');
    // The scenario header is offered as a choice of this API's scenarios; left unset here (Prefer would win anyway).
    const scenarios = await link.locator('tr[data-param-name="X-Mock-Scenario"][data-param-in="header"] select option').allInnerTexts();
    expect(scenarios).toContain('cloud66/already-linked');
    await link.locator('button.execute').click();
    await link.locator('.live-responses-table tbody .response-col_status').first().waitFor({ timeout: 20_000 });
    expect((await link.locator('.live-responses-table tbody .response-col_status').first().innerText()).trim()).toBe('403');

    const journal = (await env.sb.admin('GET', `/journal?session=${session}`)).body;
    const entries: { operationId: string; example: string; shapedBy: string; request: { method: string; headers: Record<string, string> }; response: { status: number } }[] = journal.entries;
    expect(entries.map((e) => [e.request.method, e.operationId, e.response.status, e.example, e.shapedBy])).toEqual([
      ['POST', 'linkPartnerIntegration', 403, 'already-linked', 'prefer code=403, example=already-linked'],
    ]);
    expect(entries[0].request.headers['x-mock-session']).toBe(session);
    // Nothing of it reached the shared session.
    const shared = (await env.sb.admin('GET', '/journal?session=default&operation=linkPartnerIntegration')).body;
    expect(shared.entries).toEqual([]);
    // Chromium logs the 403 it was asked for as a failed load; any other problem (a CSP refusal of the headers, a
    // request off the origin) fails the test.
    expect(problems.filter((p) => !p.includes('status of 403'))).toEqual([]);
    await page.close();
  }, 60_000);

  it('shows the specs\' [INF] and [SRC] markers as labelled badges, leaving none raw in a description', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const { problems } = watchPage(page, env.sb.baseUrl);
    await page.goto(`${env.sb.baseUrl}/__sandbox/docs/cloud66`);
    const launch = operationBlock(page, 'launchPartnerIntegration');
    const inferred = launch.locator('.opblock-description-wrapper .tag-inf');
    await inferred.first().waitFor({ timeout: 20_000 });
    expect(await inferred.count()).toBe(2);
    expect((await inferred.first().innerText()).trim()).toBe('inferred');
    expect(await inferred.first().getAttribute('title')).toMatch(/inferred/i);
    expect(await launch.locator('.opblock-description-wrapper').innerText()).not.toContain('[INF]');
    // The info description carries both kinds.
    expect((await page.locator('.info .tag-src').first().innerText()).trim()).toBe('from the public docs');
    // Styled by docs-page.css (no inline styles under the CSP): a badge is not plain text.
    expect(await inferred.first().evaluate((el) => getComputedStyle(el).borderTopStyle)).toBe('solid');
    const texts = await renderedMarkdown(page);
    expect(texts.length).toBeGreaterThan(10);
    expect(texts.filter((t) => /\[(INF|SRC)\]/.test(t))).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
