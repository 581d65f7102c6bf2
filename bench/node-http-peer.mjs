/**
 * The `node-http` peer: the least a Node.js mock must do for the bench's cases, on `node:http` alone (no sessions,
 * journal, scenarios, coverage or spec routing), so a run shows how close the sandbox is to Node's own HTTP stack.
 * Plain JS, no build step: `node bench/node-http-peer.mjs <config.json>`; bench/measure/node-http.ts writes the
 * config (port, one route per case) and starts it.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));

// [INF] The same options the sandbox validates bodies with (no coercion, formats on): the peer does the same check,
// only without the rest of the sandbox around it.
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats.default(ajv);

const JSON_TYPE = 'application/json; charset=utf-8';
const documents = new Map();
let nextId = 0;

/** Everything per route computed once at start: the validator and the canned answer's bytes. */
const routes = config.routes.map((r) => ({
  ...r,
  validate: r.bodySchema === undefined ? undefined : ajv.compile(r.bodySchema),
  answer: r.body,
  answerLength: Buffer.byteLength(r.body),
}));
const exact = new Map(routes.map((r) => [`${r.method} ${r.path}`, r]));
// Only routes whose spec path has `{param}` segments get a regex, tried when the exact lookup misses (the bench's
// cases always send the exact path, so the regexes are never on the measured path).
const templated = routes
  .filter((r) => r.template.includes('{'))
  .map((r) => ({ method: r.method, re: new RegExp(`^${r.template.split('/').map((s) => (/^\{[^}]+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))).join('/')}$`), route: r }));

function send(res, status, body) {
  res.writeHead(status, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const error = (res, status, message) => send(res, status, JSON.stringify({ error: message }));

function routeOf(method, path) {
  const hit = exact.get(`${method} ${path}`);
  if (hit) return hit;
  return templated.find((t) => t.method === method && t.re.test(path))?.route;
}

function answer(route, res, body) {
  if (route.validate && !route.validate(body)) return error(res, 400, `request body does not match the schema: ${ajv.errorsText(route.validate.errors)}`);
  if (!route.creates) {
    res.writeHead(route.status, { 'content-type': JSON_TYPE, 'content-length': route.answerLength });
    return res.end(route.answer);
  }
  // The create case: the server-owned fields over the client's, as the sandbox's create does.
  const now = new Date().toISOString();
  const doc = { _id: (++nextId).toString(16).padStart(24, '0'), ...body, createdAt: now, lastModified: now };
  documents.set(doc._id, doc);
  send(res, route.status, JSON.stringify(doc));
}

const server = http.createServer((req, res) => {
  const q = req.url.indexOf('?');
  const route = routeOf(req.method, q === -1 ? req.url : req.url.slice(0, q));
  if (!route) return error(res, 404, `no route for ${req.method} ${req.url}`);
  if (route.credential && req.headers[route.credential.header] !== route.credential.value) return error(res, 401, 'missing or wrong credentials');
  if (route.validate === undefined) return answer(route, res, undefined);
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let body;
    try {
      body = JSON.parse(chunks.length === 1 ? chunks[0].toString() : Buffer.concat(chunks).toString());
    } catch {
      return error(res, 400, 'the request body is not JSON');
    }
    answer(route, res, body);
  });
});

server.listen(config.port, config.host, () => process.stdout.write(`node-http peer listening on ${config.host}:${config.port}\n`));
for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => server.close(() => process.exit(0)).closeAllConnections());
