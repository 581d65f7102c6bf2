import { afterAll, describe, expect, it } from 'vitest';
import { BIN, startAndWait } from '../cli/cli-process.js';
import { freePort } from '../helpers/free-port.js';
import { startUpstream } from './upstream.js';

const SECRET = 'cli-secret-token';
const upstream = await startUpstream((req) =>
  req.url.startsWith('/v1/integrations/') ? { status: 200, body: { _id: 'aaaaaaaaaaaaaaaaaaaaaaaa', name: 42 } } : undefined,
);
afterAll(() => upstream.close());

describe('partner-sandbox proxy (the real command)', () => {
  it('forwards, reports drift in sl-violations and prints the drift summary when stopped', async () => {
    const port = await freePort();
    const started = await startAndWait(process.execPath, [BIN, 'proxy', 'integrator', '--upstream', upstream.url, '--port', String(port)], port, {
      env: { ...process.env, LOG_LEVEL: 'info' },
    });
    try {
      const res = await fetch(`${started.url}/integrator/v1/integrations/aaaaaaaaaaaaaaaaaaaaaaaa`, { headers: { authorization: `Bearer ${SECRET}` } });
      expect(res.status).toBe(200);
      expect(JSON.parse(res.headers.get('sl-violations')!)).toContainEqual(expect.objectContaining({ location: ['response', 'body', 'name'], code: 'type' }));
      expect(upstream.seen.at(-1)!.url).toBe('/v1/integrations/aaaaaaaaaaaaaaaaaaaaaaaa');
      const drift = await (await fetch(`${started.url}/__sandbox/drift`)).json();
      expect(drift.operations[0]).toMatchObject({ operationId: 'getIntegration', exchanges: 1 });
    } finally {
      started.child.kill('SIGTERM');
    }
    expect(await started.exited).toBe(0);
    await started.closed;
    const output = started.output();
    expect(output).toContain(`partner-sandbox proxy listening on http://127.0.0.1:${port}`);
    expect(output).toMatch(/getIntegration \(GET \/v1\/integrations\/\{_id\}\): 1 exchange\n {4}response\.body\.name type: Response body property name must be string ×1/);
    expect(output).not.toContain(SECRET);
  });
});
