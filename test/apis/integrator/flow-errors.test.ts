import { describe, expect, it } from 'vitest';
import { DIY_ID, EXPORT, FLOW, FLOW_JOB, FULL, IMPORT, IMPORT_JOB, READ_ONLY, SMART_ID, useIntegratorSandbox, V } from './sandbox.js';

const sb = useIntegratorSandbox();

const ERROR_ID = '9012345678';
const RETRY_KEY = '3a9f0c2e7b1d4e6f8a0b2c4d6e8f0a1b';
const UNKNOWN = 'aaaaaaaaaaaaaaaaaaaaaaaa';

const call = (session: string, method: string, path: string, body?: unknown, scenario?: string) =>
  sb.call(method, `${V}${path}`, { session, headers: { ...FULL, ...(scenario ? { 'X-Mock-Scenario': `integrator/${scenario}` } : {}) }, body });

/** A run of the fixture flow under run-fails-with-errors, read to its end; its flow job id. */
async function failingRun(session: string): Promise<string> {
  const jobId = (await call(session, 'POST', `/flows/${FLOW}/run`, {}, 'run-fails-with-errors')).body._jobId;
  for (let i = 0; i < 4; i++) await call(session, 'GET', `/jobs/${jobId}`);
  return jobId;
}

describe('integrator.io error summaries', () => {
  it('counts the open errors per flow of an integration, and per step of a flow', async () => {
    const session = 'err-summary';
    const integration = await call(session, 'GET', `/integrations/${DIY_ID}/errors`);
    expect(integration.status).toBe(200);
    expect(integration.body).toEqual([{ _flowId: FLOW, numError: 1, lastErrorAt: '2026-01-14T02:00:38.770Z' }]);
    const flow = await call(session, 'GET', `/flows/${FLOW}/errors`);
    expect(flow.body).toEqual({ flowErrors: [{ _expOrImpId: IMPORT, numError: 1, lastErrorAt: '2026-01-14T02:00:38.770Z' }] });
    expect((await call(session, 'GET', `/integrations/${SMART_ID}/errors`)).body).toEqual([]);
    expect((await call(session, 'GET', `/integrations/${UNKNOWN}/errors`)).status).toBe(404);
    expect((await call(session, 'GET', `/flows/${UNKNOWN}/errors`)).status).toBe(404);
  });

  it('counts the errors of a failing run, and no longer counts resolved ones', async () => {
    const session = 'err-summary-run';
    await failingRun(session);
    expect((await call(session, 'GET', `/integrations/${DIY_ID}/errors`)).body).toEqual([expect.objectContaining({ _flowId: FLOW, numError: 3 })]);
    await call(session, 'PUT', `/flows/${FLOW}/${IMPORT}/resolved`, { errors: [ERROR_ID] });
    expect((await call(session, 'GET', `/flows/${FLOW}/errors`)).body.flowErrors).toEqual([expect.objectContaining({ _expOrImpId: IMPORT, numError: 2 })]);
  });
});

describe('integrator.io open and resolved errors of a step', () => {
  it('lists the open errors of the import step, with the export/import aliases', async () => {
    const session = 'err-open';
    const res = await call(session, 'GET', `/flows/${FLOW}/${IMPORT}/errors`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ errors: [expect.objectContaining({ errorId: ERROR_ID, retryDataKey: RETRY_KEY, _flowJobId: FLOW_JOB, oIndex: '1' })] });
    expect(res.body.errors[0]).not.toHaveProperty('_stepId');
    expect(res.body.errors[0]).not.toHaveProperty('resolvedAt');
    expect((await call(session, 'GET', `/flows/${FLOW}/imports/${IMPORT}/errors`)).body).toEqual(res.body);
    expect((await call(session, 'GET', `/flows/${FLOW}/exports/${EXPORT}/errors`)).body).toEqual({ errors: [] });
    expect((await call(session, 'GET', `/flows/${FLOW}/${IMPORT}/resolved`)).body).toEqual({ resolved: [] });
  });

  it('filters open errors by occurredAt and source', async () => {
    const session = 'err-filter';
    const path = `/flows/${FLOW}/${IMPORT}/errors`;
    expect((await call(session, 'GET', `${path}?occurredAt_gte=2026-01-14T02:00:38.770Z`)).body.errors).toHaveLength(1);
    expect((await call(session, 'GET', `${path}?occurredAt_gte=2026-01-14T02:00:39Z`)).body.errors).toHaveLength(0);
    expect((await call(session, 'GET', `${path}?occurredAt_lte=2026-01-14T02:00:38Z`)).body.errors).toHaveLength(0);
    expect((await call(session, 'GET', `${path}?source=application`)).body.errors).toHaveLength(1);
    expect((await call(session, 'GET', `${path}?source=connection`)).body.errors).toHaveLength(0);
  });

  it('answers 404 for an unknown flow, and for an export or import that is not a step of the flow', async () => {
    const session = 'err-404';
    const flow = await call(session, 'GET', `/flows/${UNKNOWN}/${IMPORT}/errors`);
    expect(flow.status).toBe(404);
    expect(flow.body.errors[0].message).toBe('Flow not found for the given id.');
    const step = await call(session, 'GET', `/flows/${FLOW}/${UNKNOWN}/errors`);
    expect(step.status).toBe(404);
    expect(step.body.errors[0].message).toBe(`Export or import ${UNKNOWN} is not a step of flow ${FLOW}.`);
    // The aliases check the kind of step too.
    expect((await call(session, 'GET', `/flows/${FLOW}/exports/${IMPORT}/errors`)).status).toBe(404);
    expect((await call(session, 'GET', `/flows/${FLOW}/imports/${EXPORT}/errors`)).status).toBe(404);
    expect((await call(session, 'GET', `/flows/${FLOW}/${UNKNOWN}/resolved`)).status).toBe(404);
    expect((await call(session, 'PUT', `/flows/${FLOW}/${UNKNOWN}/resolved`, { errors: [ERROR_ID] })).status).toBe(404);
    expect((await call(session, 'POST', `/flows/${UNKNOWN}/${IMPORT}/retry`, { retryDataKeys: [RETRY_KEY] })).status).toBe(404);
  });

  it('answers both 404s on every step operation', async () => {
    const session = 'err-404-all';
    const requests: Array<[string, (flow: string, step: string) => string, unknown?]> = [
      ['GET', (f, s) => `/flows/${f}/${s}/errors`],
      ['GET', (f, s) => `/flows/${f}/${s}/resolved`],
      ['PUT', (f, s) => `/flows/${f}/${s}/resolved`, { errors: [ERROR_ID] }],
      ['POST', (f, s) => `/flows/${f}/${s}/retry`, { retryDataKeys: [RETRY_KEY] }],
      ['GET', (f, s) => `/flows/${f}/exports/${s}/errors`],
      ['GET', (f, s) => `/flows/${f}/imports/${s}/errors`],
    ];
    for (const [method, path, body] of requests) {
      const flow = await call(session, method, path(UNKNOWN, IMPORT), body);
      expect(flow.status).toBe(404);
      expect(flow.body.errors[0].message).toBe('Flow not found for the given id.');
      const step = await call(session, method, path(FLOW, UNKNOWN), body);
      expect(step.status).toBe(404);
      expect(step.body.errors[0].message).toContain('is not a step of flow');
    }
  });
});

describe('integrator.io resolveFlowStepErrors', () => {
  it('moves the named errors to resolved (204), ignores unknown ids, and resolves the job error too', async () => {
    const session = 'err-resolve';
    const res = await call(session, 'PUT', `/flows/${FLOW}/${IMPORT}/resolved`, { errors: [ERROR_ID, 'no-such-error'] });
    expect(res.status).toBe(204);
    expect((await call(session, 'GET', `/flows/${FLOW}/${IMPORT}/errors`)).body.errors).toEqual([]);
    const resolved = (await call(session, 'GET', `/flows/${FLOW}/${IMPORT}/resolved`)).body.resolved;
    expect(resolved).toEqual([expect.objectContaining({ errorId: ERROR_ID, resolvedBy: '5a7c8f2e9b1d4c3a2f1e0d9c', resolvedAt: expect.any(String) })]);
    expect((await call(session, 'GET', `/jobs/${IMPORT_JOB}/joberrors`)).body[0]).toMatchObject({ resolved: true });
    expect((await call(session, 'GET', `/jobs/${FLOW_JOB}`)).body).toMatchObject({ numOpenError: 0, numResolved: 1 });
    const at = resolved[0].resolvedAt;
    expect((await call(session, 'GET', `/flows/${FLOW}/${IMPORT}/resolved?resolvedAt_gte=${at}&resolvedAt_lte=${at}`)).body.resolved).toHaveLength(1);
    expect((await call(session, 'GET', `/flows/${FLOW}/${IMPORT}/resolved?resolvedAt_lte=2026-01-01T00:00:00Z`)).body.resolved).toHaveLength(0);
  });

  it('answers 422 missing_required_field for an empty selection or a body without errors', async () => {
    const session = 'err-resolve-422';
    for (const body of [{ errors: [] }, {}]) {
      const res = await call(session, 'PUT', `/flows/${FLOW}/${IMPORT}/resolved`, body);
      expect(res.status).toBe(422);
      expect(res.body.errors[0]).toMatchObject({ code: 'missing_required_field', field: 'errors' });
    }
    expect((await call(session, 'GET', `/flows/${FLOW}/${IMPORT}/errors`)).body.errors).toHaveLength(1);
  });

  it('is refused to a read-only token', async () => {
    const res = await sb.call('PUT', `${V}/flows/${FLOW}/${IMPORT}/resolved`, { session: 'err-ro', headers: READ_ONLY, body: { errors: [ERROR_ID] } });
    expect(res.status).toBe(403);
  });
});

describe('integrator.io retryFlowStepErrors', () => {
  it('queues a type: retry job (200 {_jobId}); the retried errors leave the open list; the job completes on reads', async () => {
    const session = 'err-retry';
    const res = await call(session, 'POST', `/flows/${FLOW}/${IMPORT}/retry`, { retryDataKeys: [RETRY_KEY, 'unknown-key'] });
    expect(res.status).toBe(200);
    const jobId = res.body._jobId;
    const job = (await call(session, 'GET', `/jobs/${jobId}`)).body;
    expect(job).toMatchObject({ type: 'retry', status: 'queued', _flowId: FLOW, _parentJobId: FLOW_JOB });
    expect((await call(session, 'GET', `/flows/${FLOW}/${IMPORT}/errors`)).body.errors).toEqual([]);
    expect((await call(session, 'GET', `/flows/${FLOW}/${IMPORT}/resolved`)).body.resolved).toEqual([expect.objectContaining({ errorId: ERROR_ID, resolvedBy: 'auto' })]);
    expect((await call(session, 'GET', `/jobs/${jobId}`)).body.status).toBe('running');
    expect((await call(session, 'GET', `/jobs/${jobId}`)).body).toMatchObject({ status: 'completed', numSuccess: 1 });
    expect(((await call(session, 'GET', '/jobs?type=retry')).body as unknown[]).length).toBe(1);
  });

  it('retries by errorIds, and every open error of the step by errorFileId, errors of a failing run too', async () => {
    const session = 'err-retry-ids';
    await failingRun(session);
    expect((await call(session, 'GET', `/flows/${FLOW}/${IMPORT}/errors`)).body.errors).toHaveLength(3);
    expect((await call(session, 'POST', `/flows/${FLOW}/${IMPORT}/retry`, { errorIds: [ERROR_ID] })).status).toBe(200);
    expect((await call(session, 'GET', `/flows/${FLOW}/${IMPORT}/errors`)).body.errors).toHaveLength(2);
    expect((await call(session, 'POST', `/flows/${FLOW}/${IMPORT}/retry`, { errorFileId: 'file-1' })).status).toBe(200);
    expect((await call(session, 'GET', `/flows/${FLOW}/${IMPORT}/errors`)).body.errors).toEqual([]);
    expect((await call(session, 'GET', `/flows/${FLOW}/errors`)).body.flowErrors).toEqual([]);
  });

  it('answers 422 missing_required_field for an empty selection', async () => {
    for (const body of [{}, { retryDataKeys: [] }]) {
      const res = await call('err-retry-422', 'POST', `/flows/${FLOW}/${IMPORT}/retry`, body);
      expect(res.status).toBe(422);
      expect(res.body.errors[0]).toMatchObject({ code: 'missing_required_field' });
    }
  });
});
