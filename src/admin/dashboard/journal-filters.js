// The journal's filter form as the query `GET /journal` takes: the server narrows, the page only asks.

/** Fills the API choice from what the sandbox serves; the current choice survives. */
export function fillApiChoices(select, apis) {
  // Polled every second: rebuilding the options would shut the list under a user who has it open.
  if (select.filledKey === apis.join(' ')) return;
  select.filledKey = apis.join(' ');
  const current = select.value;
  select.replaceChildren(new Option('All APIs', ''), ...apis.map((api) => new Option(api, api)));
  select.value = apis.includes(current) ? current : '';
}

/** `{api, status, path}` from the form, empty ones left out. */
export function journalFilters(form) {
  const data = new FormData(form);
  const filters = {};
  const api = String(data.get('api') ?? '');
  const status = String(data.get('status') ?? '');
  const path = pathFilter(String(data.get('path') ?? ''));
  if (api) filters.api = api;
  if (status) filters.status = status;
  if (path) filters.path = path;
  return filters;
}

/**
 * The journal's `path` is a prefix (`/cloud66/`) or a `*` pattern over the whole path. Text without a leading `/`
 * means "contains", the likelier wish when typing part of a path, so it becomes `/*text*`.
 */
export function pathFilter(text) {
  const trimmed = text.trim();
  if (!trimmed) return '';
  return trimmed.startsWith('/') ? trimmed : `/*${trimmed}*`;
}
