import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BROWSER_TEST_MS, saveScreenshot, UPDATE, usage, useBrowserSandbox, watchPage } from './browser.js';


describe('the dashboard at /__sandbox/', () => {
  const env = useBrowserSandbox();
  const open = env.openDashboard;

  it('shows a request made outside the page (fetch, as curl would) in the journal, with its redacted exchange', async () => {
    const { page, problems } = await open('journal-view');
    const res = await fetch(env.sb.baseUrl + UPDATE, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-mock-session': 'journal-view' },
      body: JSON.stringify(usage),
    });
    expect(res.status).toBe(201);
    const row = page.locator(`#journal-rows tr[data-entry-id="${res.headers.get('x-mock-request-id')}"]`);
    await row.waitFor({ timeout: 10_000 });
    expect(await row.innerText()).toMatch(/POST\s+\/centurylink\/update-subscription\/\s+201\s+subscription-updated\s+state/);

    await row.getByRole('button').click();
    const details = page.locator('#exchange-details');
    await details.waitFor();
    const text = await details.innerText();
    expect(text).toContain('updateSubscription');
    expect(text).toContain('"totalCount": 3');
    expect(text).toContain('"providerkey": "[REDACTED]"');
    expect(text).not.toContain('sandbox-provider-key');
    await saveScreenshot(page, 'dashboard');
    expect(problems).toEqual([]);
    await page.close();
  }, BROWSER_TEST_MS);

  it('shows the state a request changed, without a reload', async () => {
    const session = 'state-live';
    const { page, problems } = await open(session);
    const stateOf = (api: string) => page.locator(`#state-apis details[data-api="${api}"] pre`);
    expect(await stateOf('centurylink').textContent()).not.toContain('ada@example.com');
    const created = await env.sb.call('POST', '/centurylink/acme-provision-account/', {
      session,
      headers: { 'x-api-key': 'sandbox-provision-key' },
      body: { resellerkey: 'rk-1', name: 'Ada Lovelace', email: 'ada@example.com' },
    });
    expect(created.status).toBe(201);
    await expect.poll(() => stateOf('centurylink').textContent(), { timeout: 10_000 }).toContain('ada@example.com');
    expect(problems).toEqual([]);
    await page.close();
  }, BROWSER_TEST_MS);

  it('makes a scenario sticky from the page, which changes the next API answer, and clears it again', async () => {
    const session = 'scenario-switch';
    const { page, problems } = await open(session);
    expect((await env.sb.call('POST', UPDATE, { body: usage, session })).status).toBe(201);

    // The scenarios are grouped by API, every group shut at first: open CenturyLink's.
    await page.locator('#scenario-list details[data-api="centurylink"] > summary').click();
    await page.getByRole('button', { name: 'Make sticky: centurylink/server-error' }).click();
    await page.locator('#sticky-name', { hasText: 'centurylink/server-error' }).waitFor();
    const failed = await env.sb.call('POST', UPDATE, { body: usage, session });
    expect(failed.status).toBe(500);
    await page.locator(`#journal-rows tr[data-entry-id="${failed.headers.get('x-mock-request-id')}"]`, { hasText: 'scenario centurylink/server-error' }).waitFor({ timeout: 10_000 });

    await page.getByRole('button', { name: 'Clear sticky scenario' }).click();
    await page.locator('#sticky-name', { hasText: 'none' }).waitFor();
    expect((await env.sb.call('POST', UPDATE, { body: usage, session })).status).toBe(201);
    expect(problems).toEqual([]);
    await page.close();
  }, BROWSER_TEST_MS);

  it('is usable from the keyboard: Tab reaches the session field and the reset button, with a visible focus', async () => {
    const session = 'keyboard';
    await env.sb.call('POST', UPDATE, { body: usage, session });
    const { page, problems } = await open(session);
    await page.locator('#journal-rows tr').first().waitFor();
    const reached: string[] = [];
    for (let i = 0; i < 12 && !reached.includes('reset-session'); i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        return { id: el.id, outline: getComputedStyle(el).outlineStyle };
      });
      reached.push(focused.id);
      if (focused.id === 'session-id' || focused.id === 'reset-session') expect(focused.outline).not.toBe('none');
    }
    expect(reached).toContain('session-id');
    expect(reached).toContain('reset-session');

    // Enter on the focused reset button puts the session back to the fixture: its journal empties.
    await page.keyboard.press('Enter');
    await page.locator('#announcer', { hasText: `Session ${session} is back to the default fixture.` }).waitFor();
    expect(await page.locator('#journal-rows tr').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  }, BROWSER_TEST_MS);

  it('opens another session typed into the session field', async () => {
    await env.sb.call('POST', UPDATE, { body: usage, session: 'typed-session' });
    const { page, problems } = await open('default');
    await page.getByLabel('Session id').fill('typed-session');
    await page.getByLabel('Session id').press('Enter');
    await page.locator('#journal-rows tr', { hasText: '/centurylink/update-subscription/' }).waitFor({ timeout: 10_000 });
    expect(new URL(page.url()).searchParams.get('session')).toBe('typed-session');
    await page.locator('#session-list button[aria-current="true"]', { hasText: 'typed-session' }).waitFor();
    expect(await page.locator('#session-list button[aria-current="true"]').count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  }, BROWSER_TEST_MS);

  it('fits a 400 px wide window without sideways scrolling', async () => {
    const session = 'narrow';
    await env.sb.call('POST', UPDATE, { body: usage, session });
    const { page, problems } = await open(session, 400, 800);
    await page.locator('#journal-rows tr').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await saveScreenshot(page, 'dashboard-400px');
    expect(problems).toEqual([]);
    await page.close();
  }, BROWSER_TEST_MS);
});
