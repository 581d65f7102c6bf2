// Starts Swagger UI (loaded just before, as the global SwaggerUIBundle) on the spec this page names.
const root = document.getElementById('swagger-ui');
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
