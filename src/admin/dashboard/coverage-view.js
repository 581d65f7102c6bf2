import { h } from './dom.js';

/**
 * The session's response coverage (`GET /coverage?session=`): per API, which documented responses it got and how,
 * and which it never got. One collapsible block per API, shut at first (there are hundreds of rows); which blocks
 * are open survives every refresh.
 */
export function renderCoverage(container, summary, coverage) {
  const open = new Set([...container.querySelectorAll('details[open]')].map((d) => d.dataset.api ?? `${d.dataset.missingOf}/missing`));
  const byApi = new Map();
  for (const row of coverage.responses) byApi.set(row.api, [...(byApi.get(row.api) ?? []), row]);
  summary.textContent = `${coverage.reached} of ${coverage.documented} documented responses reached in session ${coverage.session}.`;
  container.replaceChildren(
    ...[...byApi].map(([api, rows]) => {
      const reached = rows.filter((r) => r.reached);
      const missing = rows.filter((r) => !r.reached);
      return h('details', { class: 'coverage-api', 'data-api': api, open: open.has(api) },
        h('summary', {}, h('span', { class: 'group-name' }, api), h('span', { class: 'count' }, `${reached.length} / ${rows.length} reached`)),
        h('div', { class: 'coverage-body' },
          h('h3', {}, `Reached (${reached.length})`),
          reached.length ? responseList(reached, true) : h('p', { class: 'muted' }, 'Nothing yet in this session.'),
          // Often the longer list: its own block, so opening an API shows what was reached first.
          h('details', { class: 'coverage-missing', 'data-missing-of': api, open: open.has(`${api}/missing`) },
            h('summary', {}, `Never reached (${missing.length})`),
            missing.length ? responseList(missing, false) : h('p', { class: 'muted' }, 'Every documented response was reached.'),
            h('p', { class: 'hint' }, 'How to reach each one: ', h('a', { href: `docs/${encodeURIComponent(api)}` }, `the ${api} API reference`), '.'),
          ),
        ),
      );
    }),
  );
}

function responseList(rows, reached) {
  return h('ul', { class: 'coverage-list' }, rows.map((r) =>
    h('li', { 'data-operation': r.operationId, 'data-status': r.status, 'data-example': r.example ?? '' },
      h('code', {}, r.operationId), ' ',
      h('span', { class: `status status-${String(r.status)[0]}` }, String(r.status)),
      r.example ? [' ', h('span', { class: 'example' }, r.example)] : null,
      reached ? h('span', { class: 'muted' }, ` · ${howReached(r)}`) : null,
    )));
}

function howReached(row) {
  return row.via.map((via) => (via === 'state' ? 'through state' : via === 'prefer' ? 'by a Prefer header' : `by scenario ${row.scenarios.join(', ')}`)).join(', ');
}

/** `[{api, operations: [operationId…]}]` in the coverage's order, for the verification form's choice. */
export function operationsOf(coverage) {
  const byApi = new Map();
  for (const row of coverage.responses) byApi.set(row.api, new Set([...(byApi.get(row.api) ?? []), row.operationId]));
  return [...byApi].map(([api, operations]) => ({ api, operations: [...operations] }));
}
