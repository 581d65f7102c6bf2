import { createRequire } from 'node:module';
import path from 'node:path';
import express, { type Router } from 'express';
import type { ApiRuntime } from '../engine/api-runtime.js';
import type { ScenarioRegistry } from '../engine/scenarios/scenario-registry.js';
import { fromRoot } from '../engine/paths.js';
import { docsApiPage, docsIndexPage } from './docs-pages.js';
import { setPageHeaders } from './page-headers.js';
import { servedSpec } from './served-spec.js';

// Resolved from the package root rather than this file, so the build in dist/ finds the same files.
const OWN_ASSETS = fromRoot('src/admin/docs');
const SWAGGER_UI = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
// Named one by one: only these files are served, never the rest of either folder.
const ASSETS = new Map([
  ['swagger-ui-bundle.js', path.join(SWAGGER_UI, 'swagger-ui-bundle.js')],
  ['swagger-ui.css', path.join(SWAGGER_UI, 'swagger-ui.css')],
  ['docs-page.js', path.join(OWN_ASSETS, 'docs-page.js')],
  ['docs-page.css', path.join(OWN_ASSETS, 'docs-page.css')],
]);

/**
 * `<prefix>/`: an index of the APIs; `<prefix>/<api>`: its reference page (Swagger UI, served from node_modules,
 * nothing fetched from elsewhere); `<prefix>/<api>/openapi.json`: the spec that page renders, annotated with the
 * scenarios that reach each response. Anything else falls through to the admin API's 404.
 */
export function createDocsRouter(prefix: string, dashboardPath: string, runtimes: ApiRuntime[], scenarios: ScenarioRegistry): Router {
  const router = express.Router();
  const byName = new Map(runtimes.map((r) => [r.module.name, r]));
  // Annotated once per spec and set of scenarios: the specs are fixed once the sandbox has started, the scenarios
  // are not (`--watch` swaps in new Scenario objects), and the notes and the X-Mock-Scenario choices follow them.
  const specs = new Map<string, { scenarios: unknown[]; json: string }>();
  const loadedScenarios = () => scenarios.names().map((name) => scenarios.get(name));

  router.get('/', (_req, res) => {
    setPageHeaders(res);
    res.type('html').send(docsIndexPage(prefix, dashboardPath, runtimes));
  });
  router.get('/assets/:file', (req, res, next) => {
    const file = ASSETS.get(String(req.params.file));
    if (!file) return next();
    res.set('cache-control', 'no-cache').sendFile(file);
  });
  router.get('/:api', (req, res, next) => {
    const runtime = byName.get(String(req.params.api));
    if (!runtime) return next();
    setPageHeaders(res, { inlineStyles: true });
    res.type('html').send(docsApiPage(prefix, dashboardPath, runtime));
  });
  router.get('/:api/openapi.json', (req, res, next) => {
    const runtime = byName.get(String(req.params.api));
    if (!runtime) return next();
    const now = loadedScenarios();
    let cached = specs.get(runtime.module.name);
    if (!cached || cached.scenarios.length !== now.length || cached.scenarios.some((s, i) => s !== now[i])) {
      specs.set(runtime.module.name, (cached = { scenarios: now, json: JSON.stringify(servedSpec(runtime, scenarios), null, 2) }));
    }
    res.type('json').send(cached.json);
  });
  return router;
}
