// Starts Swagger UI (loaded just before, as the global SwaggerUIBundle) on the spec this page names.
const root = document.getElementById('swagger-ui');
window.ui = window.SwaggerUIBundle({
  url: root.dataset.specUrl,
  domNode: root,
  deepLinking: true,
  // Expanded, so every response and its "Reached in the sandbox by …" line can be read and searched with Ctrl+F.
  docExpansion: 'full',
  // Scenarios name operations by operationId: show it next to each path.
  displayOperationId: true,
  defaultModelsExpandDepth: 0,
  // No call to the public validator service: the page works offline.
  validatorUrl: null,
});
