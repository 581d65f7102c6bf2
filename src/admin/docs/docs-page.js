// Starts Swagger UI (loaded just before, as the global SwaggerUIBundle) on the spec this page names.
const root = document.getElementById('swagger-ui');

// The specs mark what the project inferred `[INF]` and what comes from the API's public docs `[SRC]`
// (specs/README.md); on the page each marker becomes a small labelled badge.
// Why here and not in the served openapi.json [INF]: Swagger UI's Markdown sanitizer drops `class` (and `style`)
// attributes (swagger-ui-dist 5.35.0: `FORBID_ATTR: ["style", "class"]` unless useUnsafeMarkdown), so a
// `<span class="tag-inf">` written into a description would lose its class; and tools that download openapi.json
// (code generators, Prism, other renderers) would get HTML in every description. The rewrite only touches text
// inside rendered Markdown: React sets that HTML as one opaque string and never diffs its children, so replacing
// nodes there cannot upset it, and a re-render replaces the whole HTML, which the observer sees and rewrites again.
// Text is moved as text nodes and the badge built with textContent: nothing from the spec passes through innerHTML.
const MARKERS = new Map([
  ['[INF]', { className: 'tag-inf', label: 'inferred', title: 'Inferred by the sandbox: the seed leaves this open; the reason follows.' }],
  ['[SRC]', { className: 'tag-src', label: 'from the public docs', title: "From the API's public documentation, beyond the seed." }],
]);
const MARKER = /(\[(?:INF|SRC)\])/;
const RENDERED_MARKDOWN = '.markdown, .renderedMarkdown';

function badge(marker) {
  const { className, label, title } = MARKERS.get(marker);
  const span = document.createElement('span');
  span.className = `spec-tag ${className}`;
  span.title = title;
  span.textContent = label;
  return span;
}

function rewriteText(text) {
  const parent = text.parentNode;
  if (!parent) return;
  // A marker written as code (`[INF]`) is still a marker: the badge replaces the whole code span.
  if (parent.nodeName === 'CODE' && MARKERS.has(parent.textContent.trim())) {
    parent.replaceWith(badge(parent.textContent.trim()));
    return;
  }
  const pieces = document.createDocumentFragment();
  for (const part of text.data.split(MARKER)) pieces.append(MARKERS.has(part) ? badge(part) : document.createTextNode(part));
  text.replaceWith(pieces);
}

function rewriteIn(node) {
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT, {
    acceptNode: (text) => (MARKER.test(text.data) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP),
  });
  const found = [];
  while (walker.nextNode()) found.push(walker.currentNode);
  found.forEach(rewriteText);
}

function rewriteAdded(node) {
  const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
  if (!element) return;
  if (element.closest(RENDERED_MARKDOWN)) rewriteIn(node);
  else element.querySelectorAll(RENDERED_MARKDOWN).forEach(rewriteIn);
}

// Observing before Swagger UI renders anything: every description arrives as added nodes.
new MutationObserver((records) => {
  for (const record of records) record.addedNodes.forEach(rewriteAdded);
}).observe(root, { childList: true, subtree: true });

window.ui = window.SwaggerUIBundle({
  // Absolute: Swagger UI resolves the spec's relative URLs (the contact's `/__sandbox/`) against it, and drops a
  // link it cannot resolve against a bare path.
  url: new URL(root.dataset.specUrl, window.location.href).href,
  domNode: root,
  deepLinking: true,
  // Expanded, so every response and its "Reached in the sandbox by …" line can be read and searched with Ctrl+F;
  // folded to the list of operations for a long spec (docs-pages.ts says when).
  docExpansion: root.dataset.expansion === 'list' ? 'list' : 'full',
  // Scenarios name operations by operationId: show it next to each path.
  displayOperationId: true,
  defaultModelsExpandDepth: 0,
  // No call to the public validator service: the page works offline.
  validatorUrl: null,
});
