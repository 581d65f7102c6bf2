import { h } from './dom.js';

/**
 * The scenarios, one collapsible group per API with its count: all shut at first, so the page stays short, except
 * the group holding the sticky scenario. A group the user opened or shut stays so across re-renders; while the
 * filter has text, every group with a match opens, since the user is looking for something in them.
 * `filter` matches name, description and operations, case-insensitively.
 */
export function renderScenarios(container, scenarios, { session, sticky, filter, onSticky }) {
  const needle = filter.trim().toLowerCase();
  const shown = scenarios.filter((s) => !needle || [s.name, s.description, ...s.operations].join(' ').toLowerCase().includes(needle));
  const byApi = groupBy(shown, apiOf);
  const focused = document.activeElement?.closest?.('[data-scenario]')?.dataset.scenario;
  const focusedGroup = document.activeElement?.matches?.('.scenario-group > summary') ? document.activeElement.parentElement.dataset.api : undefined;
  // What the user chose by hand, per API; read off a click on the summary (Enter and Space click it too), since
  // the `toggle` event cannot tell the user's doing from this function's.
  container.userOpen ??= new Map();
  container.replaceChildren(
    ...(shown.length === 0 ? [h('p', { class: 'muted' }, 'No scenario matches.')] : []),
    ...[...byApi].map(([api, list]) => {
      const holdsSticky = list.some((s) => s.name === sticky);
      const open = needle ? true : container.userOpen.get(api) ?? holdsSticky;
      return h('details', { class: 'scenario-group', 'data-api': api, open },
        h('summary', { onclick: (e) => needle || container.userOpen.set(api, !e.currentTarget.parentElement.open) }, h('span', { class: 'group-name' }, api), h('span', { class: 'count' }, `${list.length} scenario${list.length === 1 ? '' : 's'}`)),
        ...list.map((s) => scenarioCard(s, session, sticky, onSticky)),
      );
    }),
  );
  // Re-rendering replaces the buttons: give focus back to the one the user just pressed.
  if (focused) container.querySelector(`[data-scenario="${CSS.escape(focused)}"] button`)?.focus();
  else if (focusedGroup) container.querySelector(`details[data-api="${CSS.escape(focusedGroup)}"] > summary`)?.focus();
}

// Every card has such a button, so each one's name says which scenario; it starts with the visible text (WCAG 2.5.3).
function scenarioCard(scenario, session, sticky, onSticky) {
  const isSticky = scenario.name === sticky;
  return h('article', { class: `scenario${isSticky ? ' is-sticky' : ''}`, 'data-scenario': scenario.name },
    h('h4', {}, scenario.name),
    h('p', {}, scenario.description),
    scenario.operations.length ? h('p', { class: 'operations' }, `Operations: ${scenario.operations.join(', ')}`) : null,
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
