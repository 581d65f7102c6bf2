import { h, prettyJson } from './dom.js';

/**
 * The session's state, one collapsible block per API (the first open at first, so the panel stays short); which
 * blocks are open survives every refresh.
 */
export function renderState(container, state) {
  const open = new Set([...container.querySelectorAll('details[open]')].map((d) => d.dataset.api));
  const first = container.childElementCount === 0;
  container.replaceChildren(
    ...Object.entries(state.apis).map(([api, value], index) =>
      h('details', { class: 'state-api', 'data-api': api, open: first ? index === 0 : open.has(api) },
        h('summary', {}, api),
        h('pre', { class: 'json' }, prettyJson(value)),
      ),
    ),
  );
}
