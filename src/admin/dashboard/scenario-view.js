import { h } from './dom.js';

/**
 * The scenarios grouped by API, each with a button that makes it sticky for the open session (or clears it).
 * `filter` matches name, description and operations, case-insensitively.
 */
export function renderScenarios(container, scenarios, { session, sticky, filter, onSticky }) {
  const needle = filter.trim().toLowerCase();
  const shown = scenarios.filter((s) => !needle || [s.name, s.description, ...s.operations].join(' ').toLowerCase().includes(needle));
  const byApi = groupBy(shown, apiOf);
  const focused = document.activeElement?.closest?.('[data-scenario]')?.dataset.scenario;
  container.replaceChildren(
    ...(shown.length === 0 ? [h('p', { class: 'muted' }, 'No scenario matches.')] : []),
    ...[...byApi].map(([api, list]) =>
      h('section', { class: 'scenario-group', 'aria-label': `${api} scenarios` }, h('h3', {}, api), ...list.map((s) => scenarioCard(s, session, sticky, onSticky))),
    ),
  );
  // Re-rendering replaces the buttons: give focus back to the one the user just pressed.
  if (focused) container.querySelector(`[data-scenario="${CSS.escape(focused)}"] button`)?.focus();
}

// Every card has such a button, so each one's name says which scenario; it starts with the visible text (WCAG 2.5.3).
function scenarioCard(scenario, session, sticky, onSticky) {
  const isSticky = scenario.name === sticky;
  return h('article', { class: `scenario${isSticky ? ' is-sticky' : ''}`, 'data-scenario': scenario.name },
    h('h4', {}, scenario.name),
    h('p', {}, scenario.description),
    h('p', { class: 'operations' }, `Operations: ${scenario.operations.join(', ')}`),
    isSticky
      ? h('p', {}, h('span', { class: 'sticky-badge' }, `Sticky for ${session}. `),
          h('button', { type: 'button', 'aria-label': `Clear sticky: ${scenario.name}`, onclick: () => onSticky(null) }, 'Clear sticky'))
      : h('button', { type: 'button', class: 'primary', 'aria-label': `Make sticky: ${scenario.name}`, onclick: () => onSticky(scenario.name) }, 'Make sticky'),
  );
}

const apiOf = (scenario) => scenario.name.split('/')[0];

function groupBy(items, key) {
  const groups = new Map();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
