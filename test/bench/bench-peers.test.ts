import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASES, requestFor } from '../../bench/cases.js';
import { ChildTracker } from '../../bench/measure/children.js';
import { nodeHttpConfig, startNodeHttp } from '../../bench/measure/node-http.js';
import { httpRequest } from '../../bench/measure/probe.js';
import { readMemoryKb } from '../../bench/measure/proc.js';
import type { RunningServer } from '../../bench/measure/servers.js';
import { templateOf, wiremockStubs, type SpecOperation } from '../../bench/measure/wiremock-stubs.js';
import { loadResultOf, luaString, parseWrkOutput, wrkScript } from '../../bench/measure/wrk.js';

/** wrk 4.1.0 (Debian) `-t1 -c10 -d1s --latency -s <script>`, with the script's status lines and the wrapper's CPU line. */
const WRK_OUTPUT = `Running 1s test @ http://127.0.0.1:4798/x
  1 threads and 10 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     0.93ms    2.77ms  33.28ms   96.34%
    Req/Sec    21.13k     8.33k   30.73k    70.00%
  Latency Distribution
     50%  377.00us
     75%  609.00us
     90%    1.14ms
     99%   17.06ms
  20962 requests in 1.00s, 2.72MB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 20962
Requests/sec:  20942.92
Transfer/sec:      2.72MB
WRKSTATUS 500 419
WRKSTATUS 403 20543

WRKCPU 4242 (sh) S 4200 4242 4200 0 -1 4194304 120 3000 0 0 0 0 61 27 20 0 1 0 123456 2490368 200 18446744073709551615
`;

describe('wrk output', () => {
  it('parses throughput, the latency distribution, errors, the hook\'s statuses and the CPU line', () => {
    const report = parseWrkOutput(WRK_OUTPUT);
    expect(report).toMatchObject({
      requests: 20962,
      durationS: 1,
      requestsPerSec: 20942.92,
      latencyAvgMs: 0.93,
      maxMs: 33.28,
      p50Ms: 0.377,
      p75Ms: 0.609,
      p90Ms: 1.14,
      p99Ms: 17.06,
      non2xx3xx: 20962,
      socketErrors: { connect: 0, read: 2, write: 0, timeout: 3 },
      statusCounts: { 403: 20543, 500: 419 },
      cpuS: 0.88,
    });
    const result = loadResultOf(report, { connections: 10, expectedStatus: 403 });
    expect(result).toMatchObject({ loadgen: 'wrk', reqPerSec: 20943, completed: 20962, badStatus: 419, socketErrors: 2, timeouts: 3, loadgenCpuS: 0.88 });
  });

  it('counts a 2xx case from the Non-2xx line when there is no hook, and no such line means none', () => {
    const plain = WRK_OUTPUT.replace(/^WRKSTATUS.*\n/gm, '').replace('Non-2xx or 3xx responses: 20962', 'Non-2xx or 3xx responses: 7');
    expect(loadResultOf(parseWrkOutput(plain), { connections: 10, expectedStatus: 200 })).toMatchObject({ badStatus: 7, statusCounts: { 200: 20955, 'non-2xx/3xx': 7 } });
    const clean = plain.replace(/^\s*Non-2xx.*\n/m, '').replace(/^\s*Socket errors.*\n/m, '');
    expect(loadResultOf(parseWrkOutput(clean), { connections: 10, expectedStatus: 200 })).toMatchObject({ badStatus: 0, socketErrors: 0, timeouts: 0 });
  });

  it('refuses output without the distribution (wrk run without --latency)', () => {
    expect(() => parseWrkOutput(WRK_OUTPUT.replace(/^\s*99%.*\n/m, ''))).toThrow(/99% line/);
  });

  it('writes the request as Lua strings byte for byte, with the session and status hooks only when asked', () => {
    expect(luaString('a"b\\c\né')).toBe('"a\\034b\\092c\\010\\195\\169"');
    const create = CASES.find((c) => c.name === 'integrator-create')!;
    const script = wrkScript({ method: 'POST', path: '/v1/integrations', headers: create.headers, body: create.body }, { countStatuses: false });
    expect(script).toContain('wrk.method = "POST"');
    expect(script).toContain('wrk.headers["authorization"] = "Bearer integrator-sandbox-token"');
    expect(script).not.toMatch(/response =|request =/);
    const hooked = wrkScript({ method: 'GET', path: '/', headers: {} }, { countStatuses: true, sessions: 50 });
    expect(hooked).toContain('(n % 50)');
    expect(hooked).toContain('response = function(status');
  });
});

describe('WireMock stubs for the cases', () => {
  const operations: Record<string, SpecOperation> = {
    'integrator-get': { template: '/v1/integrations/{_id}' },
    'integrator-create': { template: '/v1/integrations', bodySchema: { type: 'object', required: ['name'] } },
    'oem-list': { template: '/api/oem-api/integration/list', bodySchema: { type: 'object' } },
    'cloud66-link-403': { template: '/partners/{partnerId}/integrations', bodySchema: { type: 'object', required: ['link_uid'] } },
  };
  const answers = Object.fromEntries(CASES.map((c) => [c.name, `{"case":"${c.name}"}`]));

  it('match method, path template, auth and body schema, and answer the case status with the sandbox body', () => {
    const stubs = wiremockStubs(CASES, operations, answers);
    const byName = Object.fromEntries(stubs.map((s) => [s.name, s]));
    expect(byName['integrator-get']).toEqual({
      name: 'integrator-get',
      request: { method: 'GET', urlPathTemplate: '/v1/integrations/{_id}', headers: { authorization: { equalTo: 'Bearer integrator-sandbox-token' } } },
      response: { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"case":"integrator-get"}' },
    });
    expect(byName['integrator-create'].request.bodyPatterns).toEqual([{ matchesJsonSchema: '{"type":"object","required":["name"]}', schemaVersion: 'V202012' }]);
    expect(byName['integrator-create'].response.status).toBe(201);
    // No credentials header: nothing but the body to match.
    expect(byName['cloud66-link-403'].request.headers).toBeUndefined();
    expect(byName['cloud66-link-403'].response.status).toBe(403);
  });

  it('finds the spec path of a concrete path, literal segments before parameters', () => {
    const paths = ['/v1/integrations', '/v1/integrations/{_id}', '/v1/integrations/{_id}/flows', '/v1/integrations/special'];
    expect(templateOf('/v1/integrations/554155c853bb53af2900000b', paths)).toBe('/v1/integrations/{_id}');
    expect(templateOf('/v1/integrations/special', paths)).toBe('/v1/integrations/special');
    expect(templateOf('/v2/x', paths)).toBeUndefined();
  });

  it('refuses a case without its operation or its answer', () => {
    expect(() => wiremockStubs(CASES, {}, answers)).toThrow(/no spec operation/);
    expect(() => wiremockStubs(CASES, operations, {})).toThrow(/no answer body/);
  });
});

describe('the node-http peer', () => {
  const operations: Record<string, SpecOperation> = {
    'integrator-get': { template: '/v1/integrations/{_id}' },
    'integrator-create': { template: '/v1/integrations', bodySchema: { type: 'object', required: ['name'] } },
    'oem-list': { template: '/api/oem-api/integration/list', bodySchema: { type: 'object' } },
    'cloud66-link-403': { template: '/partners/{partnerId}/integrations', bodySchema: { type: 'object' } },
  };
  const answers = Object.fromEntries(CASES.map((c) => [c.name, `{"case":"${c.name}"}`]));

  it('is configured with what the WireMock stubs check: route, Authorization header, body schema, status and the sandbox body', () => {
    const config = nodeHttpConfig(CASES, operations, answers, 4321);
    expect(config).toMatchObject({ host: '127.0.0.1', port: 4321 });
    const byName = Object.fromEntries(config.routes.map((r) => [r.name, r]));
    expect(byName['integrator-get']).toEqual({
      name: 'integrator-get',
      method: 'GET',
      path: '/v1/integrations/554155c853bb53af2900000b',
      template: '/v1/integrations/{_id}',
      credential: { header: 'authorization', value: 'Bearer integrator-sandbox-token' },
      status: 200,
      body: '{"case":"integrator-get"}',
    });
    expect(byName['integrator-create']).toMatchObject({ status: 201, creates: true, bodySchema: { type: 'object', required: ['name'] } });
    expect(byName['cloud66-link-403'].credential).toBeUndefined();
    expect(byName['cloud66-link-403'].creates).toBeUndefined();
    expect(() => nodeHttpConfig(CASES, {}, answers, 1)).toThrow(/no spec operation/);
    expect(() => nodeHttpConfig(CASES, operations, {}, 1)).toThrow(/no answer body/);
  });

  describe('started for real on a free port (the specs\' own request schemas)', () => {
    const tracker = new ChildTracker();
    let peer: RunningServer;
    const create = CASES.find((c) => c.name === 'integrator-create')!;
    const send = (body: string, headers: Record<string, string> = create.headers) => httpRequest(peer.url, { ...requestFor(create, 'peer'), headers, body });

    beforeAll(async () => {
      peer = await startNodeHttp(tracker, { answers });
    }, 30_000);
    afterAll(() => tracker.stopAll(), 15_000);

    it('started with the bench\'s node, timed to its first 200, its memory sampled', () => {
      expect(peer.label).toBe('node-http');
      expect(peer.startupMs).toBeGreaterThan(0);
      expect(readMemoryKb(peer.pid)?.rssKb).toBeGreaterThan(0);
    });

    it('answers every case its expected status, with the given body or, for the create, the stored document', async () => {
      for (const c of CASES) {
        const res = await httpRequest(peer.url, requestFor(c, 'peer'));
        expect(res.status, c.name).toBe(c.expectedStatus);
        if (!c.createsState) expect(res.body, c.name).toBe(answers[c.name]);
      }
      const first = JSON.parse((await send(create.body!)).body);
      const second = JSON.parse((await send(create.body!)).body);
      expect(first).toMatchObject({ ...JSON.parse(create.body!), _id: expect.stringMatching(/^[0-9a-f]{24}$/) });
      expect(new Date(first.createdAt).toISOString()).toBe(first.createdAt);
      expect(first.lastModified).toBe(first.createdAt);
      expect(second._id).not.toBe(first._id);
    });

    it('refuses a create whose body breaks the schema, is not JSON, or comes without the token', async () => {
      expect((await send(JSON.stringify({ description: 'no name' }))).status).toBe(400);
      expect((await send(JSON.stringify({ name: 5 }))).status).toBe(400);
      expect((await send('{"name":')).status).toBe(400);
      const { authorization: _, ...noToken } = create.headers;
      expect((await send(create.body!, noToken)).status).toBe(401);
      expect((await send(create.body!, { ...noToken, authorization: 'Bearer wrong' })).status).toBe(401);
    });

    it('matches other values of a path parameter through the template, and nothing else', async () => {
      const get = requestFor(CASES.find((c) => c.name === 'integrator-get')!, 'peer');
      expect((await httpRequest(peer.url, { ...get, path: '/v1/integrations/000000000000000000000001?x=1' })).status).toBe(200);
      expect((await httpRequest(peer.url, { ...get, path: '/v1/integrations/a/b' })).status).toBe(404);
      expect((await httpRequest(peer.url, { ...get, method: 'DELETE' })).status).toBe(404);
    });
  });
});
