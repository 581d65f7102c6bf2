// The dashboard's controller: which session is open, polling the admin API, and the buttons' actions.
import { adminApi } from './admin-api.js';
import { renderCoverage, operationsOf } from './coverage-view.js';
import { curlCommand } from './curl-command.js';
import { h } from './dom.js';
import { fillApiChoices, journalFilters } from './journal-filters.js';
import { JournalView } from './journal-view.js';
import { renderScenarios } from './scenario-view.js';
import { renderState } from './state-view.js';
import { fillOperationChoices, wireVerifyForm } from './verify-view.js';

const POLL_MS = 1000;
const $ = (id) => document.getElementById(id);

const page = {
  session: new URLSearchParams(location.search).get('session') || 'default',
  sticky: null,
  scenarios: [],
  newestEntry: undefined,
  timer: undefined,
  polling: false,
  // Bumped by every (re)opening of a session: answers to requests sent before it are stale and dropped.
  generation: 0,
  filterGeneration: 0,
};

const journal = new JournalView($('journal-rows'), $('journal-empty'), $('exchange-details'), {
  curlFor: (entry) => curlCommand(entry, location.origin, page.session),
  announce,
});

function announce(message) {
  $('announcer').textContent = message;
}

function showConnectionError(error) {
  const banner = $('connection-error');
  banner.hidden = !error;
  // fetch rejects with a TypeError only when nothing answered; anything else is the admin API's own refusal.
  const unreachable = error instanceof TypeError;
  banner.textContent = !error ? '' : unreachable ? `The sandbox did not answer (${error.message}); retrying every second.` : error.message;
}

/** Opens a session: the URL keeps it (`?session=`), so a reload or a shared link shows the same one. */
async function openSession(id) {
  page.session = id;
  page.generation++;
  page.newestEntry = undefined;
  $('session-id').value = id;
  history.replaceState(null, '', id === 'default' ? location.pathname : `?session=${encodeURIComponent(id)}`);
  for (const button of $('session-list').querySelectorAll('button')) button.setAttribute('aria-current', String(button.dataset.session === id));
  journal.clear();
  await Promise.all([refreshJournal(), refreshState(), refreshSessions(), refreshCoverage()]);
}

async function refreshJournal() {
  const generation = page.generation;
  const filterGeneration = page.filterGeneration;
  const filters = journalFilters($('journal-filters'));
  const filtered = Object.keys(filters).length > 0;
  // Filtered rows may not show a new exchange: the newest of all, which says whether state changed, is asked apart.
  const [{ entries }, latest] = await Promise.all([
    adminApi.journal(page.session, filters),
    filtered ? adminApi.journal(page.session, { limit: 1 }) : undefined,
  ]);
  // The user may have opened another session, reset this one, or changed a filter while this answer was on its way.
  if (generation !== page.generation || filterGeneration !== page.filterGeneration) return;
  journal.update(entries, filtered);
  // New exchanges may have changed the state and the coverage: read them again only then, not on every poll
  // (openSession reads them once itself, and leaves `newestEntry` undefined so this first answer is only remembered).
  const newest = (latest ?? { entries }).entries[0]?.id ?? null;
  const changed = page.newestEntry !== undefined && newest !== page.newestEntry;
  page.newestEntry = newest;
  if (changed) await Promise.all([refreshState(), refreshCoverage()]);
}

async function refreshCoverage() {
  const generation = page.generation;
  const coverage = await adminApi.coverage(page.session);
  if (generation !== page.generation) return;
  renderCoverage($('coverage-apis'), $('coverage-summary'), coverage);
  fillOperationChoices($('verify-operation'), operationsOf(coverage));
}

async function refreshState() {
  const generation = page.generation;
  const state = await adminApi.state(page.session);
  if (generation !== page.generation) return;
  renderState($('state-apis'), state);
  setSticky(state.scenario);
}

async function refreshSessions() {
  const [{ sessions }, health] = await Promise.all([adminApi.sessions(), adminApi.health()]);
  fillApiChoices($('filter-api'), health.apis.map((api) => api.name));
  $('health').textContent = `${health.apis.length} APIs · ${health.sessions} session${health.sessions === 1 ? '' : 's'} · up ${health.uptimeSeconds} s`;
  $('known-session-ids').replaceChildren(...sessions.map((s) => h('option', { value: s.id })));
  const list = $('session-list');
  const focused = document.activeElement?.closest('#session-list') ? document.activeElement.dataset.session : undefined;
  list.replaceChildren(
    ...(sessions.length === 0 ? [h('li', { class: 'muted' }, 'None yet: a session starts with its first request.')] : []),
    ...sessions.map((s) =>
      h('li', {}, h('button', { type: 'button', 'data-session': s.id, 'aria-current': String(s.id === page.session), onclick: () => run(() => openSession(s.id)) },
        s.id, s.scenario ? h('span', { class: 'sticky-tag' }, ` · ${s.scenario}`) : null)),
    ),
  );
  if (focused) list.querySelector(`[data-session="${CSS.escape(focused)}"]`)?.focus();
  const mine = sessions.find((s) => s.id === page.session);
  if (mine && mine.scenario !== page.sticky) setSticky(mine.scenario);
}

function setSticky(name) {
  const changed = name !== page.sticky || $('scenario-list').childElementCount === 0;
  page.sticky = name;
  $('sticky-name').textContent = name ?? 'none';
  $('clear-sticky').hidden = !name;
  if (changed) drawScenarios();
}

function drawScenarios() {
  renderScenarios($('scenario-list'), page.scenarios, {
    session: page.session,
    sticky: page.sticky,
    filter: $('scenario-filter').value,
    onSticky: (name) => run(() => makeSticky(name)),
  });
}

async function makeSticky(name) {
  await adminApi.setSticky(page.session, name);
  setSticky(name);
  drawScenarios();
  announce(name ? `${name} is now sticky for session ${page.session}.` : `Session ${page.session} has no sticky scenario now.`);
  await Promise.all([refreshState(), refreshSessions()]);
}

/** Runs an action, reporting a failure in the banner instead of losing it in the console. */
async function run(action) {
  try {
    await action();
    showConnectionError(undefined);
  } catch (error) {
    showConnectionError(error);
  }
}

/** One poll at a time: a slow answer delays the next poll instead of piling requests up. */
async function poll() {
  if (page.polling) return;
  page.polling = true;
  clearTimeout(page.timer);
  try {
    if ($('live').checked && !document.hidden) {
      await run(async () => {
        await refreshJournal();
        await refreshSessions();
      });
    }
  } finally {
    page.polling = false;
    page.timer = setTimeout(poll, POLL_MS);
  }
}

function wireControls() {
  $('session-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = $('session-id');
    if (!input.reportValidity()) return;
    run(() => openSession(input.value.trim()));
  });
  $('clear-sticky').addEventListener('click', () => run(() => makeSticky(null)));
  $('refresh-state').addEventListener('click', () => run(refreshState));
  $('refresh-coverage').addEventListener('click', () => run(refreshCoverage));
  const filters = $('journal-filters');
  filters.addEventListener('submit', (event) => event.preventDefault());
  // Rows the new filters still match stay (and so does a selected exchange); a poll's answer for the old ones is dropped.
  const refilter = () => {
    page.filterGeneration++;
    run(refreshJournal);
  };
  $('filter-api').addEventListener('change', refilter);
  $('filter-status').addEventListener('change', refilter);
  $('filter-path').addEventListener('input', debounce(refilter, 250));
  wireVerifyForm($('verify-form'), $('verify-result'), (pattern) => adminApi.countRequests(page.session, pattern));
  $('scenario-filter').addEventListener('input', drawScenarios);
  $('reset-session').addEventListener('click', () =>
    run(async () => {
      await adminApi.reset(page.session);
      await openSession(page.session);
      announce(`Session ${page.session} is back to the default fixture.`);
    }),
  );
  $('reset-all').addEventListener('click', () => {
    // Other people's test runs may share this sandbox: resetting everyone is worth one question.
    if (!confirm('Reset every session of this sandbox to the default fixture?')) return;
    run(async () => {
      await adminApi.reset();
      await openSession(page.session);
      announce('Every session is back to the default fixture.');
    });
  });
  $('live').addEventListener('change', () => announce($('live').checked ? 'Live updates on.' : 'Live updates paused.'));
  document.addEventListener('visibilitychange', () => document.hidden || poll());
}

function debounce(action, ms) {
  let timer;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(action, ms);
  };
}

async function start() {
  wireControls();
  await run(async () => {
    page.scenarios = await adminApi.scenarios();
    await openSession(page.session);
  });
  drawScenarios();
  page.timer = setTimeout(poll, POLL_MS);
}

start();
