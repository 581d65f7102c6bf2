import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BROWSER_TEST_MS, saveScreenshot, UPDATE, usage, useBrowserSandbox, watchPage } from './browser.js';

/**
 * What a QA person does on the dashboard beyond watching: narrowing the journal, replaying an exchange with curl,
 * finding a scenario, seeing which documented responses a session never reached, and counting requests.
 */
const run = promisify(execFile);
const LINK = '/cloud66/partners/acme/integrations';
const alreadyLinked = { prefer: 'code=403, example=already-linked' };

describe('the dashboard, as QA uses it', () => {
  const env = useBrowserSandbox();
  const open = env.openDashboard;

  /** One request of each kind: 201 through state, 200 through state, 403 by a Prefer. */
  async function traffic(session: string): Promise<void> {
    expect((await env.sb.call('POST', UPDATE, { body: usage, session })).status).toBe(201);
    expect((await env.sb.call('GET', '/integrator/v1/integrations?limit=1', { session, headers: { authorization: 'Bearer integrator-sandbox-token' } })).status).toBe(200);
    expect((await env.sb.call('POST', LINK, { session, headers: alreadyLinked })).status).toBe(403);
  }

  const rows = (page: Page) => page.locator('#journal-rows tr');
  const pathsShown = async (page: Page) => (await rows(page).locator('.path-button').allInnerTexts()).sort();

  it('shows the example that answered, the full "shaped by", times to the millisecond, and paths broken only at / ? &', async () => {
    const session = 'qa-columns';
    await traffic(session);
    const { page, problems } = await open(session);
    await rows(page).nth(2).waitFor({ timeout: 10_000 });
    const linked = rows(page).filter({ hasText: LINK });
    expect(await linked.locator('.col-example').innerText()).toBe('already-linked');
    expect(await linked.locator('.col-shaped').innerText()).toBe('prefer code=403, example=already-linked');
    expect(await rows(page).filter({ hasText: UPDATE }).locator('.col-example').innerText()).toBe('subscription-updated');
    for (const time of await rows(page).locator('.col-time').allInnerTexts()) expect(time).toMatch(/^\d\d:\d\d:\d\d\.\d{3}$/);

    // Each piece is unbreakable, with a <wbr> between pieces: the only places a line may break.
    const pieces = await page.locator('#journal-rows .path-button').evaluateAll((buttons) =>
      buttons.map((b) => ({
        text: [...b.querySelectorAll('.path-piece')].map((p) => p.textContent),
        nowrap: [...b.querySelectorAll('.path-piece')].every((p) => getComputedStyle(p).whiteSpace === 'nowrap'),
        breaks: b.querySelectorAll('wbr').length,
      })));
    expect(pieces).toContainEqual({ text: ['/', 'integrator/', 'v1/', 'integrations', '?limit=1'], nowrap: true, breaks: 4 });
    expect(pieces).toContainEqual({ text: ['/', 'centurylink/', 'update-subscription/'], nowrap: true, breaks: 2 });
    expect(problems).toEqual([]);
    await page.close();
  }, BROWSER_TEST_MS);

  it('narrows the journal by API, status class and path, through the server, and keeps the filters while polling', async () => {
    const session = 'qa-filters';
    await traffic(session);
    const { page, problems } = await open(session);
    await rows(page).nth(2).waitFor({ timeout: 10_000 });
    const filters = page.getByRole('search', { name: 'Journal filters' });
    const journalCalls: string[] = [];
    page.on('request', (req) => req.url().includes('/__sandbox/journal?') && journalCalls.push(req.url()));

    await filters.getByLabel('API').selectOption('cloud66');
    await expect.poll(() => pathsShown(page)).toEqual([LINK]);
    await filters.getByLabel('API').selectOption('');
    await filters.getByLabel('Status').selectOption('2xx');
    await expect.poll(() => pathsShown(page)).toEqual(['/centurylink/update-subscription/', '/integrator/v1/integrations?limit=1']);
    await filters.getByLabel('Status').selectOption('4xx');
    await expect.poll(() => pathsShown(page)).toEqual([LINK]);
    await filters.getByLabel('Status').selectOption('');

    // Text without a leading / is looked for anywhere in the path; with one, it is a prefix.
    await filters.getByLabel('Path').fill('integrations');
    await expect.poll(() => pathsShown(page)).toEqual([LINK, '/integrator/v1/integrations?limit=1']);
    await filters.getByLabel('Path').fill('/centurylink/');
    await expect.poll(() => pathsShown(page)).toEqual([UPDATE]);
    expect(journalCalls.some((url) => new URL(url).searchParams.get('path') === '/centurylink/')).toBe(true);
    expect(journalCalls.some((url) => new URL(url).searchParams.get('status') === '4xx')).toBe(true);

    // New exchanges arrive through the filter: the matching one shows, the other does not.
    const other = await env.sb.call('POST', LINK, { session, headers: alreadyLinked });
    const matching = await env.sb.call('POST', UPDATE, { body: usage, session });
    await page.locator(`#journal-rows tr[data-entry-id="${matching.headers.get('x-mock-request-id')}"]`).waitFor({ timeout: 10_000 });
    await page.waitForTimeout(1500);
    expect(await page.locator(`#journal-rows tr[data-entry-id="${other.headers.get('x-mock-request-id')}"]`).count()).toBe(0);
    expect(await pathsShown(page)).toEqual([UPDATE, UPDATE]);

    await filters.getByLabel('Path').fill('nothing-has-this');
    await page.locator('#journal-empty', { hasText: 'No request in this session matches these filters.' }).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  }, BROWSER_TEST_MS);

  it('copies an exchange as curl: the command, run by curl, replays it in the same session with the same status', async () => {
    const session = 'qa-curl';
    // A quote in the body, a comma in a header: what naive shell quoting gets wrong.
    const body = { link_uid: "abc'123", user_email: 'jon@smith.com' };
    const linked = await env.sb.call('POST', LINK, { session, body, headers: alreadyLinked });
    expect(linked.status).toBe(403);
    const updated = await env.sb.call('POST', UPDATE, { body: usage, session });
    expect(updated.status).toBe(201);
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.sb.baseUrl });
    const page = await context.newPage();
    const { problems } = watchPage(page, env.sb.baseUrl);
    await page.goto(`${env.sb.baseUrl}/__sandbox/?session=${session}`);

    const curlOf = async (id: string | null) => {
      await page.locator(`#journal-rows tr[data-entry-id="${id}"] .path-button`).click();
      await page.getByRole('button', { name: 'Copy as curl' }).click();
      const command = page.getByLabel('curl command');
      await expect.poll(() => command.inputValue()).toMatch(/^curl /);
      return command.inputValue();
    };
    const replay = async (command: string) => {
      const { stdout } = await run('sh', ['-c', `${command} -s -o /dev/null -w '%{http_code}'`]);
      return Number(stdout);
    };

    const linkCommand = await curlOf(linked.headers.get('x-mock-request-id'));
    expect(linkCommand).toContain(`-X POST '${env.sb.baseUrl}${LINK}'`);
    expect(linkCommand).toContain(`-H 'x-mock-session: ${session}'`);
    expect(linkCommand).toContain(`-H 'prefer: code=403, example=already-linked'`);
    expect(linkCommand).not.toMatch(/-H '(host|content-length|connection):/i);
    // The shell hands curl the body exactly as it was sent.
    const { stdout: args } = await run('sh', ['-c', linkCommand.replace(/^curl/, `printf '%s\\n'`)]);
    expect(args.split('\n')).toContain(JSON.stringify(body));
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(linkCommand);
    expect(await replay(linkCommand)).toBe(403);
    const replayed = (await env.sb.admin('GET', `/journal?session=${session}&limit=1`)).body.entries[0];
    expect(replayed.request.body).toEqual(body);
    expect(replayed.example).toBe('already-linked');

    // A secret stays redacted as the server showed it; put the real one back by hand to replay.
    const updateCommand = await curlOf(updated.headers.get('x-mock-request-id'));
    expect(updateCommand).toContain('"providerkey":"[REDACTED]"');
    expect(updateCommand).not.toContain('sandbox-provider-key');
    expect(await replay(updateCommand.replace('[REDACTED]', usage.providerkey))).toBe(201);
    await expect.poll(() => rows(page).count(), { timeout: 10_000 }).toBe(4);

    // A request sent without the header went to `default` and was journaled without it: the command names the session.
    // A string, so vitest leaves this import() to the env.browser.
    const entry = { request: { method: 'GET', path: '/oem/x', query: { a: ['1', '2'] }, headers: { host: 'h', 'accept-encoding': 'gzip' } } };
    const bare = await page.evaluate(`import(${JSON.stringify(`${env.sb.baseUrl}/__sandbox/dashboard/curl-command.js`)}).then((m) => m.curlCommand(${JSON.stringify(entry)}, 'http://sandbox.test', 'default'))`);
    expect(bare).toBe("curl 'http://sandbox.test/oem/x?a=1&a=2' \\\n  -H 'x-mock-session: default'");
    expect(problems).toEqual([]);
    await context.close();
  }, BROWSER_TEST_MS);

  it('groups the scenarios by API, shut and counted, so the page stays short; a group opens on a click or Enter', async () => {
    const { page, problems } = await open('qa-groups');
    const groups = page.locator('#scenario-list details.scenario-group');
    expect(await groups.evaluateAll((ds) => ds.map((d) => d.dataset.api))).toEqual(['cloud66', 'centurylink', 'integrator', 'oem']);
    expect(await groups.evaluateAll((ds) => ds.filter((d) => (d as HTMLDetailsElement).open).length)).toBe(0);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThan(1800);

    const scenarios = (await env.sb.admin('GET', '/scenarios')).body as { name: string }[];
    const centurylink = scenarios.filter((s) => s.name.startsWith('centurylink/')).length;
    const group = page.locator('#scenario-list details[data-api="centurylink"]');
    expect(await group.locator('summary').innerText()).toMatch(new RegExp(`centurylink\\s+${centurylink} scenarios`));
    const card = page.locator('[data-scenario="centurylink/server-error"]');
    expect(await card.isVisible()).toBe(false);
    await group.locator('summary').click();
    await card.waitFor({ state: 'visible' });
    expect(await group.locator('article.scenario').count()).toBe(centurylink);

    await page.locator('#scenario-list details[data-api="oem"] > summary').focus();
    await page.keyboard.press('Enter');
    await page.locator('#scenario-list details[data-api="oem"] article').first().waitFor({ state: 'visible' });
    expect(problems).toEqual([]);
    await page.close();
  }, BROWSER_TEST_MS);

  it('opens the group holding the session\'s sticky scenario, and only that one', async () => {
    const session = 'qa-sticky-group';
    expect((await env.sb.admin('PUT', `/sessions/${session}/scenario`, { scenario: 'centurylink/server-error' })).status).toBe(200);
    const { page, problems } = await open(session);
    await page.locator('#scenario-list details[data-api="centurylink"][open] [data-scenario="centurylink/server-error"].is-sticky').waitFor();
    expect(await page.locator('#scenario-list details.scenario-group[open]').count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  }, BROWSER_TEST_MS);

  it('shows the session\'s coverage per API, reached and never reached, and follows new exchanges', async () => {
    const session = 'qa-coverage';
    expect((await env.sb.call('POST', UPDATE, { body: usage, session })).status).toBe(201);
    const { page, problems } = await open(session);
    const expected = (await env.sb.admin('GET', `/coverage?session=${session}&api=centurylink`)).body;
    const centurylink = page.locator('#coverage-apis details[data-api="centurylink"]');
    expect(await centurylink.locator('> summary').innerText()).toMatch(new RegExp(`centurylink\\s+1 / ${expected.documented} reached`));
    await centurylink.locator('> summary').click();
    const reached = centurylink.locator('.coverage-body > .coverage-list li');
    expect(await reached.count()).toBe(1);
    expect(await reached.innerText()).toBe('updateSubscription 201 subscription-updated · through state');

    const missing = centurylink.locator('details.coverage-missing');
    await missing.locator('summary').click();
    expect(await missing.locator('summary').innerText()).toBe(`Never reached (${expected.documented - 1})`);
    const neverReached = expected.responses.find((r: { reached: boolean }) => !r.reached);
    await missing.locator(`li[data-operation="${neverReached.operationId}"][data-status="${neverReached.status}"]`).first().waitFor();

    // A new exchange refreshes the view by itself, and what the user opened stays open.
    const cloud66 = page.locator('#coverage-apis details[data-api="cloud66"] > summary');
    expect(await cloud66.innerText()).toMatch(/0 \/ \d+ reached/);
    expect((await env.sb.call('POST', LINK, { session, headers: alreadyLinked })).status).toBe(403);
    await expect.poll(() => cloud66.innerText(), { timeout: 10_000 }).toMatch(/1 \/ \d+ reached/);
    expect(await missing.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    await page.locator('#coverage-apis details[data-api="cloud66"] > summary').click();
    await page.locator('#coverage-apis details[data-api="cloud66"] li[data-operation="linkPartnerIntegration"][data-example="already-linked"]', { hasText: 'by a Prefer header' }).first().waitFor();
    await saveScreenshot(page, 'dashboard-coverage');
    expect(problems).toEqual([]);
    await page.close();
  }, BROWSER_TEST_MS);

  it('counts the session\'s requests for an operation and status, and shows the server\'s words for a bad pattern', async () => {
    const session = 'qa-verify';
    for (let i = 0; i < 3; i++) expect((await env.sb.call('POST', UPDATE, { body: usage, session })).status).toBe(201);
    expect((await env.sb.call('POST', LINK, { session, headers: alreadyLinked })).status).toBe(403);
    const { page, problems } = await open(session);
    const result = page.locator('#verify-result');
    const operation = page.getByLabel('Operation');
    await expect.poll(() => operation.locator('option').count()).toBeGreaterThan(1);
    await operation.selectOption({ label: 'updateSubscription' });
    await page.getByLabel('Response status').fill('2xx');
    await page.getByRole('button', { name: 'Count' }).click();
    await result.filter({ hasText: '3 requests matched.' }).waitFor();

    await page.getByLabel('Response status').fill('201');
    await page.getByLabel('Response status').press('Enter');
    await result.filter({ hasText: '3 requests matched.' }).waitFor();
    await page.getByLabel('Response status').fill('4xx');
    await page.getByRole('button', { name: 'Count' }).click();
    await result.filter({ hasText: '0 requests matched.' }).waitFor();
    await operation.selectOption('');
    await page.getByRole('button', { name: 'Count' }).click();
    await result.filter({ hasText: '1 request matched.' }).waitFor();

    await page.getByLabel('Response status').fill('4x');
    await page.getByRole('button', { name: 'Count' }).click();
    await result.filter({ hasText: 'status is a status (404), a class (4xx) or a range (400-499), not "4x"' }).waitFor();
    expect(await page.locator('#connection-error').isHidden()).toBe(true);
    // The browser itself logs the 400 it was answered; nothing else may go wrong.
    expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
    await page.close();
  }, BROWSER_TEST_MS);
});
