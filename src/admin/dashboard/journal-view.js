import { h, prettyJson } from './dom.js';

/**
 * The journal table. Rows are keyed by entry id and only new ones are added, so a poll never rebuilds the
 * table under the user's keyboard focus or scroll position.
 */
export class JournalView {
  constructor(tbody, emptyNote, details, onSelect) {
    this.tbody = tbody;
    this.emptyNote = emptyNote;
    this.details = details;
    this.onSelect = onSelect;
    this.rows = new Map();
    this.selectedId = undefined;
  }

  /** `entries` newest first, as `GET /journal` gives them. */
  update(entries) {
    const ids = entries.map((e) => e.id);
    const keep = new Set(ids);
    for (const [id, row] of this.rows) {
      if (!keep.has(id)) {
        row.remove();
        this.rows.delete(id);
      }
    }
    // Entries only ever arrive at the top; insert each new one before the next older row still shown.
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i];
      if (this.rows.has(entry.id)) continue;
      const row = this.row(entry);
      this.rows.set(entry.id, row);
      const older = ids.slice(i + 1).map((id) => this.rows.get(id)).find(Boolean);
      this.tbody.insertBefore(row, older ?? null);
    }
    this.emptyNote.hidden = entries.length > 0;
    if (this.selectedId && !keep.has(this.selectedId)) this.showDetails(undefined);
  }

  clear() {
    this.tbody.replaceChildren();
    this.rows.clear();
    this.showDetails(undefined);
  }

  row(entry) {
    const { request, response } = entry;
    const query = new URLSearchParams(request.query ?? {}).toString();
    const select = () => this.select(entry);
    const button = h('button', { type: 'button', class: 'path-button', 'aria-controls': 'exchange-details', onclick: (e) => { e.stopPropagation(); select(); } },
      request.path + (query ? `?${query}` : ''));
    const row = h('tr', { 'data-entry-id': entry.id, onclick: select },
      h('td', { class: 'col-time' }, new Date(entry.at).toLocaleTimeString()),
      h('td', { class: 'method col-method' }, request.method),
      h('td', { class: 'path-cell' }, button),
      h('td', { class: `status status-${String(response.status)[0]} col-status` }, String(response.status)),
      h('td', { class: `col-shaped${entry.shapedBy ? '' : ' muted'}` }, entry.shapedBy ?? 'state'),
      h('td', { class: 'num col-duration' }, `${entry.durationMs} ms`),
    );
    return row;
  }

  select(entry) {
    this.showDetails(entry);
    this.onSelect?.(entry);
    this.details.focus();
  }

  showDetails(entry) {
    this.selectedId = entry?.id;
    for (const [id, row] of this.rows) row.setAttribute('aria-current', String(id === this.selectedId));
    if (!entry) {
      this.details.hidden = true;
      this.details.replaceChildren();
      return;
    }
    const { request, response } = entry;
    const operation = entry.operationId ? `${entry.api} · ${entry.operationId}` : 'no operation matched';
    this.details.replaceChildren(
      h('div', { class: 'panel-head' },
        h('h3', { id: 'exchange-heading' }, `${request.method} ${request.path} → ${response.status}`),
        h('button', { type: 'button', onclick: () => this.showDetails(undefined) }, 'Close details'),
      ),
      h('p', { class: 'muted' }, `${operation} · shaped by ${entry.shapedBy ?? 'state'}` + (entry.example ? ` · example ${entry.example}` : '') + ` · ${entry.durationMs} ms · id ${entry.id}`),
      h('div', { class: 'exchange-columns' },
        h('div', {}, h('h4', {}, 'Request headers'), headerList(request.headers), h('h4', {}, 'Request body'), h('pre', { class: 'json' }, prettyJson(request.body))),
        h('div', {}, h('h4', {}, 'Response headers'), headerList(response.headers), h('h4', {}, 'Response body'), h('pre', { class: 'json' }, prettyJson(response.body))),
      ),
    );
    this.details.hidden = false;
  }
}

function headerList(headers = {}) {
  return h('dl', {}, Object.entries(headers).flatMap(([name, value]) => [h('dt', {}, name), h('dd', {}, Array.isArray(value) ? value.join(', ') : String(value))]));
}
