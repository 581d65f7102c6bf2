// Builds elements from plain values: text is always set as text, never parsed as HTML, so journal content
// (whatever a client sent) cannot inject markup into the page.

/** `h('button', { class: 'x', onclick: fn, 'aria-label': '…' }, 'text', childNode)` */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  el.append(...children.flat().filter((child) => child !== undefined && child !== null && child !== false));
  return el;
}

/** Pretty JSON for a value the API returned (bodies may also be plain strings). */
export function prettyJson(value) {
  if (value === undefined) return '(none)';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}
