import path from 'node:path';
import express, { type Router } from 'express';
import { fromRoot } from '../engine/paths.js';
import { setPageHeaders } from './page-headers.js';

// Resolved from the package root rather than this file, so the build in dist/ serves the same plain files.
const DASHBOARD_DIR = fromRoot('src/admin/dashboard');

/**
 * The dashboard: `<prefix>/` is its page, `<prefix>/dashboard/*` its CSS and ES modules, shipped as written (no
 * build step). The page only calls the admin JSON API beside it, so it is behind the same admin guard.
 */
export function createDashboardRouter(prefix: string): Router {
  const router = express.Router();
  router.get('/', (req, res) => {
    // `/__sandbox` → `/__sandbox/`, so the page's relative links resolve under the prefix.
    const [pathname, query] = req.originalUrl.split(/\?(.*)/s);
    if (!pathname.endsWith('/')) return res.redirect(308, `${prefix}/${query ? `?${query}` : ''}`);
    setPageHeaders(res);
    res.sendFile(path.join(DASHBOARD_DIR, 'index.html'));
  });
  router.use('/dashboard', (_req, res, next) => {
    setPageHeaders(res);
    next();
  }, express.static(DASHBOARD_DIR, { index: false, etag: true, lastModified: true, cacheControl: false }));
  return router;
}
