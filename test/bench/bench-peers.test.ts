import { describe, expect, it } from 'vitest';
import { CASES } from '../../bench/cases.js';
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
