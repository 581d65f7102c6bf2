// The dashboard's controller: which session is open, polling the admin API, and the buttons' actions.
import { adminApi } from './admin-api.js';
import { h } from './dom.js';
import { JournalView } from './journal-view.js';
import { renderScenarios } from './scenario-view.js';
import { renderState } from './state-view.js';

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
};

const journal = new JournalView($('journal-rows'), $('journal-empty'), $('exchange-details'));

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
  await Promise.all([refreshJournal(), refreshState(), refreshSessions()]);
}

async function refreshJournal() {
  const generation = page.generation;
  const { entries } = await adminApi.journal(page.session);
  // The user may have opened another session, or reset this one, while this answer was on its way.
  if (generation !== page.generation) return;
  journal.update(entries);
  // New exchanges may have changed the state: read it again only then, not on every poll (openSession reads it
  // once itself, and leaves `newestEntry` undefined so this first answer is only remembered).
  const newest = entries[0]?.id ?? null;
  const changed = page.newestEntry !== undefined && newest !== page.newestEntry;
  page.newestEntry = newest;
  if (changed) await refreshState();
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
