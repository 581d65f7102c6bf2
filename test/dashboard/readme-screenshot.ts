/**
 * Regenerates the README's picture of the dashboard, docs/dashboard.png: `npx tsx test/dashboard/readme-screenshot.ts`.
 * A fresh sandbox, a little traffic in one session (state, a Prefer, a sticky scenario), then the page at 1280×800 with
 * the newest exchange selected, its top 780 px kept.
 */
import { mkdirSync } from 'node:fs';
import { fromRoot } from '../../src/engine/paths.js';
import { createSandbox } from '../../src/sandbox.js';
import { launchChromium } from './browser.js';

const OUT = fromRoot('docs/dashboard.png');
// The top of the page: session, the journal's filters and rows (example names, "shaped by"), the selected exchange's
// head; the rest (coverage, state) would only make the PNG heavier.
const CLIP_HEIGHT = 780;
const session = 'qa-run-42';
const running = await (await createSandbox()).listen(0, '127.0.0.1');
const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(running.url + path, {
    method,
    headers: { 'x-mock-session': session, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
    redirect: 'manual',
  });

try {
  const usage = { coid: 'SANDBOX-COID-1', expired: 'false', sku: 'SANDBOX-SKU-1', count: 3, providerkey: 'sandbox-provider-key' };
  await send('POST', '/centurylink/acme-provision-account/', { resellerkey: 'rk-1', name: 'Ada Lovelace', email: 'ada@example.com' }, { 'x-api-key': 'sandbox-provision-key' });
  await send('POST', '/centurylink/update-subscription/', usage);
  await send('GET', '/integrator/v1/integrations?limit=1', undefined, { authorization: 'Bearer integrator-sandbox-token' });
  await send('POST', '/cloud66/partners/acme/integrations', undefined, { prefer: 'code=403, example=already-linked' });
  await send('PUT', `/__sandbox/sessions/${session}/scenario`, { scenario: 'centurylink/server-error' });
  await send('POST', '/centurylink/update-subscription/', usage);

  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${running.url}/__sandbox/?session=${session}`);
  await page.locator('#journal-rows tr').nth(4).waitFor();
  await page.locator('#journal-rows tr').first().getByRole('button').click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(0, 0);
  mkdirSync(fromRoot('docs'), { recursive: true });
  await page.screenshot({ path: OUT, clip: { x: 0, y: 0, width: 1280, height: CLIP_HEIGHT } });
  await browser.close();
  console.log(`wrote ${OUT}`);
} finally {
  await running.close();
}
