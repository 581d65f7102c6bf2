import { h, prettyJson } from './dom.js';

/**
 * The journal table. Rows are keyed by entry id and only new ones are added, so a poll never rebuilds the
 * table under the user's keyboard focus or scroll position.
 */
export class JournalView {
  /** `curlFor(entry)`: the command line for "Copy as curl"; `announce(text)`: the page's status line. */
  constructor(tbody, emptyNote, details, { curlFor, announce }) {
    this.tbody = tbody;
    this.emptyNote = emptyNote;
    this.details = details;
    this.curlFor = curlFor;
    this.announce = announce;
    this.rows = new Map();
    this.selectedId = undefined;
  }

  /** `entries` newest first, as `GET /journal` gives them; `filtered` says a filter may be why there are none. */
  update(entries, filtered = false) {
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
    this.emptyNote.textContent = filtered ? 'No request in this session matches these filters.' : 'No requests yet in this session.';
    if (this.selectedId && !keep.has(this.selectedId)) this.showDetails(undefined);
  }

  clear() {
    this.tbody.replaceChildren();
    this.rows.clear();
    this.showDetails(undefined);
  }

  row(entry) {
    const { request, response } = entry;
    const query = new URLSearchParams(Object.entries(request.query ?? {}).flatMap(([k, v]) => [v].flat().map((one) => [k, String(one)]))).toString();
    const select = () => this.select(entry);
    const button = h('button', { type: 'button', class: 'path-button', 'aria-controls': 'exchange-details', onclick: (e) => { e.stopPropagation(); select(); } },
      pathPieces(request.path + (query ? `?${query}` : '')));
    return h('tr', { 'data-entry-id': entry.id, onclick: select },
      h('td', { class: 'col-time' }, h('time', { datetime: entry.at, title: entry.at }, clockTime(entry.at))),
      h('td', { class: 'method col-method' }, request.method),
      h('td', { class: 'path-cell' }, button),
      h('td', { class: `status status-${String(response.status)[0]} col-status` }, String(response.status)),
      h('td', { class: 'col-example' }, entry.example ?? h('span', { class: 'muted' }, '—')),
      h('td', { class: `col-shaped${entry.shapedBy ? '' : ' muted'}` }, entry.shapedBy ?? 'state'),
      h('td', { class: 'num col-duration' }, `${entry.durationMs} ms`),
    );
  }

  select(entry) {
    this.showDetails(entry);
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
    const curlOutput = h('textarea', { id: 'curl-command', class: 'curl-command', readonly: true, rows: 6, spellcheck: 'false' });
    const curlBlock = h('div', { class: 'curl-block', hidden: true }, h('label', { for: 'curl-command' }, 'curl command'), curlOutput);
    this.details.replaceChildren(
      h('div', { class: 'panel-head' },
        h('h3', { id: 'exchange-heading' }, `${request.method} ${request.path} → ${response.status}`),
        h('div', { class: 'button-row' },
          h('button', { type: 'button', id: 'copy-curl', onclick: () => this.copyCurl(entry, curlBlock, curlOutput) }, 'Copy as curl'),
          h('button', { type: 'button', onclick: () => this.showDetails(undefined) }, 'Close details'),
        ),
      ),
      h('p', { class: 'muted' }, `${operation} · shaped by ${entry.shapedBy ?? 'state'}` + (entry.example ? ` · example ${entry.example}` : '') + ` · ${entry.durationMs} ms · id ${entry.id}`),
      curlBlock,
      h('div', { class: 'exchange-columns' },
        h('div', {}, h('h4', {}, 'Request headers'), headerList(request.headers), h('h4', {}, 'Request body'), h('pre', { class: 'json' }, prettyJson(request.body))),
        h('div', {}, h('h4', {}, 'Response headers'), headerList(response.headers), h('h4', {}, 'Response body'), h('pre', { class: 'json' }, prettyJson(response.body))),
      ),
    );
    this.details.hidden = false;
  }

  /** The text is always shown too: the clipboard needs a permission a headless or locked-down browser may not give. */
  async copyCurl(entry, block, output) {
    output.value = this.curlFor(entry);
    block.hidden = false;
    try {
      await navigator.clipboard.writeText(output.value);
      this.announce('The curl command is on the clipboard.');
    } catch {
      output.select();
      this.announce('The clipboard is not available here: the curl command is selected below, copy it from there.');
    }
  }
}

/** `HH:MM:SS.mmm` in local time: exchanges a few milliseconds apart must still read in order. */
function clockTime(iso) {
  const at = new Date(iso);
  const two = (n) => String(n).padStart(2, '0');
  return `${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}.${String(at.getMilliseconds()).padStart(3, '0')}`;
}

/**
 * A path in unbreakable pieces with a line-break opportunity between them: after each `/`, before each `?` and
 * `&`, so a narrow column wraps `/centurylink/` `update-subscription/` and never inside a name (nor at its hyphens).
 */
function pathPieces(path) {
  return path.split(/(?<=\/)|(?=[?&])/).filter(Boolean).flatMap((piece, i) => [i ? h('wbr') : null, h('span', { class: 'path-piece' }, piece)]);
}

function headerList(headers = {}) {
  return h('dl', {}, Object.entries(headers).flatMap(([name, value]) => [h('dt', {}, name), h('dd', {}, Array.isArray(value) ? value.join(', ') : String(value))]));
}
