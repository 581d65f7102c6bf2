import type { ApiRuntime } from '../engine/api-runtime.js';

/** The HTML of the docs index and of one API's reference page; Swagger UI fills the latter in the browser. */
export function docsIndexPage(docsPrefix: string, dashboardPath: string, runtimes: ApiRuntime[]): string {
  const items = runtimes
    .map((r) => {
      const info = r.spec.info;
      return `<li><a href="${docsPrefix}/${escapeHtml(r.module.name)}">${escapeHtml(info.title)}</a>
        <span class="meta">version ${escapeHtml(info.version)} · ${r.operations.length} operations · mounted at <code>${escapeHtml(r.module.prefix)}</code>
        · <a href="${docsPrefix}/${escapeHtml(r.module.name)}/openapi.json">openapi.json</a></span></li>`;
    })
    .join('\n');
  return page('API reference', docsPrefix, dashboardPath, `<main id="main" class="docs-index">
  <p>The four specs as the sandbox serves them. Each response says how the sandbox reaches it: by a named scenario, or through state.</p>
  <ul>${items}</ul>
</main>`);
}

/**
 * [INF] Above this many operations a page starts with its operations folded (each opens on a click): fully
 * expanded, integrator.io's 65 took Chromium over a minute to lay out here, longer than anyone waits for a page.
 */
const EXPANDED_UP_TO = 30;

export function docsApiPage(docsPrefix: string, dashboardPath: string, runtime: ApiRuntime): string {
  const specUrl = `${docsPrefix}/${escapeHtml(runtime.module.name)}/openapi.json`;
  const expansion = runtime.operations.length > EXPANDED_UP_TO ? 'list' : 'full';
  return page(
    `${escapeHtml(runtime.spec.info.title)}: API reference`,
    docsPrefix,
    dashboardPath,
    `<main id="main"><div id="swagger-ui" data-spec-url="${specUrl}" data-expansion="${expansion}"></div></main>
<script src="${docsPrefix}/assets/swagger-ui-bundle.js" defer></script>
<script src="${docsPrefix}/assets/docs-page.js" defer></script>`,
    `<link rel="stylesheet" href="${docsPrefix}/assets/swagger-ui.css">`,
  );
}

function page(title: string, docsPrefix: string, dashboardPath: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · partner-sandbox</title>
<link rel="icon" href="data:,">
${head}
<link rel="stylesheet" href="${docsPrefix}/assets/docs-page.css">
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="docs-header">
  <h1>${title}</h1>
  <nav aria-label="Sandbox pages"><a href="${dashboardPath}">Dashboard</a><a href="${docsPrefix}/">All API references</a></nav>
</header>
${body}
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
