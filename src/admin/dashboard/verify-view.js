import { h } from './dom.js';

/**
 * The request verification form: how many of the session's requests match an operation and a status, as a test
 * would ask `POST /requests/count`. `count(pattern)` asks the sandbox; a refusal (a bad status, say) is shown in
 * the form, in the server's words, rather than in the page's banner, since it is about what was typed.
 */
export function wireVerifyForm(form, output, count) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const pattern = {};
    // `api/operationId`: naming the API too, since two APIs may use the same operationId.
    const [api, operation] = String(data.get('operation') ?? '').split(/\/(.*)/s);
    const status = String(data.get('status') ?? '').trim();
    if (operation) Object.assign(pattern, { api, operation });
    if (status) pattern.status = status;
    output.classList.remove('is-error');
    output.textContent = 'Counting…';
    try {
      const answer = await count(pattern);
      output.textContent = `${answer.count} request${answer.count === 1 ? '' : 's'} matched.`;
    } catch (error) {
      output.classList.add('is-error');
      output.textContent = error.status ? `The sandbox refused the pattern: ${error.message}` : `The sandbox did not answer (${error.message}).`;
    }
  });
}

/** The operation choice, grouped by API; the current choice survives a refresh. */
export function fillOperationChoices(select, apis) {
  // Rebuilding the same options would shut the list under a user who has it open.
  const key = JSON.stringify(apis);
  if (select.filledKey === key) return;
  select.filledKey = key;
  const current = select.value;
  select.replaceChildren(
    new Option('Any operation', ''),
    ...apis.map(({ api, operations }) => h('optgroup', { label: api }, operations.map((op) => new Option(op, `${api}/${op}`)))),
  );
  select.value = current;
  if (select.value !== current) select.value = '';
}
