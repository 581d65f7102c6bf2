import { describe, expect, it } from 'vitest';
import { DIY_ID, EXPORT, EXPORT_JOB, FLOW, FLOW_JOB, FULL, IMPORT, IMPORT_JOB, READ_ONLY, SMART_ID, useIntegratorSandbox, V } from './sandbox.js';

const sb = useIntegratorSandbox();

const JOB_ERROR = '65b0f1a2c3d4e5f6a7b8c9e1';
const UNKNOWN = 'aaaaaaaaaaaaaaaaaaaaaaaa';

const call = (session: string, method: string, path: string, body?: unknown) => sb.call(method, `${V}${path}`, { session, headers: FULL, body });
const ids = (res: { body: Array<{ _id: string }> }) => res.body.map((j) => j._id);

describe('integrator.io listJobs', () => {
  it('lists the fixture run newest first, the flow job before its step jobs (latest step first)', async () => {
    const res = await call('jobs-list', 'GET', '/jobs');
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual([FLOW_JOB, IMPORT_JOB, EXPORT_JOB]);
  });

  it('filters by _flowId (step jobs through their flow job), _flowId_in, _integrationId, _exportId, _importId, _flowJobId', async () => {
    const session = 'jobs-ids';
    expect(ids(await call(session, 'GET', `/jobs?_flowId=${FLOW}`))).toEqual([FLOW_JOB, IMPORT_JOB, EXPORT_JOB]);
    expect(ids(await call(session, 'GET', `/jobs?_flowId_in=${UNKNOWN},${FLOW}`))).toEqual([FLOW_JOB, IMPORT_JOB, EXPORT_JOB]);
    expect(ids(await call(session, 'GET', `/jobs?_integrationId=${DIY_ID}`))).toHaveLength(3);
    expect((await call(session, 'GET', `/jobs?_integrationId=${SMART_ID}`)).status).toBe(204);
    expect(ids(await call(session, 'GET', `/jobs?_exportId=${EXPORT}`))).toEqual([FLOW_JOB, EXPORT_JOB]);
    expect(ids(await call(session, 'GET', `/jobs?_importId=${IMPORT}`))).toEqual([IMPORT_JOB]);
    expect(ids(await call(session, 'GET', `/jobs?_flowJobId=${FLOW_JOB}`))).toEqual([IMPORT_JOB, EXPORT_JOB]);
    expect((await call(session, 'GET', `/jobs?_flowId=${UNKNOWN}`)).status).toBe(204);
    expect((await call(session, 'GET', `/jobs?_bulkJobId=${UNKNOWN}`)).status).toBe(204);
  });

  it('filters by status, type, type_in and retriable', async () => {
    const session = 'jobs-kind';
    const run = await call(session, 'POST', `/flows/${FLOW}/run`, {});
    const newJob = run.body._jobId;
    expect(ids(await call(session, 'GET', '/jobs?type=flow'))).toEqual([newJob, FLOW_JOB]);
    expect(ids(await call(session, 'GET', '/jobs?type=flow&status=completed'))).toEqual([FLOW_JOB]);
    // The read above moved the new run one step: running now.
    expect(ids(await call(session, 'GET', '/jobs?type=flow&status=running'))).toEqual([newJob]);
    expect(ids(await call(session, 'GET', `/jobs?type_in=export,import&_flowJobId=${FLOW_JOB}`))).toEqual([IMPORT_JOB, EXPORT_JOB]);
    expect(ids(await call(session, 'GET', '/jobs?retriable=true'))).toEqual([IMPORT_JOB]);
    expect(ids(await call(session, 'GET', `/jobs?retriable=false&_flowJobId=${FLOW_JOB}`))).toEqual([EXPORT_JOB]);
  });

  it('filters by createdAt_gte/lte and the counters', async () => {
    const session = 'jobs-range';
    expect(ids(await call(session, 'GET', '/jobs?createdAt_gte=2026-01-14T02:00:04.560Z'))).toEqual([IMPORT_JOB, EXPORT_JOB]);
    expect(ids(await call(session, 'GET', '/jobs?createdAt_lte=2026-01-14T02:00:04.560Z'))).toEqual([FLOW_JOB, EXPORT_JOB]);
    expect(ids(await call(session, 'GET', '/jobs?createdAt_gte=2026-01-14T02:00:01Z&createdAt_lte=2026-01-14T02:00:05Z'))).toEqual([EXPORT_JOB]);
    expect(ids(await call(session, 'GET', '/jobs?numSuccess_gte=42'))).toEqual([EXPORT_JOB]);
    expect(ids(await call(session, 'GET', '/jobs?numSuccess_lte=41'))).toEqual([FLOW_JOB, IMPORT_JOB]);
    expect((await call(session, 'GET', '/jobs?numExport_gte=1')).status).toBe(204);
    expect(ids(await call(session, 'GET', '/jobs?numExport_lte=0&numIgnore_lte=0&numIgnore_gte=0'))).toHaveLength(3);
  });

  it('pages with skip/limit and a Link carrying the filters', async () => {
    const res = await call('jobs-page', 'GET', `/jobs?_flowId=${FLOW}&limit=1&skip=1`);
    expect(ids(res)).toEqual([IMPORT_JOB]);
    const link = res.headers.get('link')!;
    expect(link).toContain('rel="next"');
    expect(link).toContain(`_flowId=${FLOW}`);
    expect((await call('jobs-page', 'GET', '/jobs?skip=3')).status).toBe(204);
  });

  it('answers 400 invalid_query_params for a malformed filter or paging', async () => {
    const session = 'jobs-400';
    const status = await call(session, 'GET', '/jobs?status=paused');
    expect(status.status).toBe(400);
    expect(status.body.errors[0]).toMatchObject({ code: 'invalid_query_params', field: 'status' });
    for (const query of ['_flowId=123', 'type_in=flow,nope', 'createdAt_gte=yesterday', 'numSuccess_gte=-1']) {
      expect((await call(session, 'GET', `/jobs?${query}`)).status, query).toBe(400);
    }
    const paging = await call(session, 'GET', '/jobs?limit=5000');
    expect(paging.status).toBe(400);
    expect(paging.body.errors[0]).toMatchObject({ field: 'limit', message: 'limit must be an integer from 1 to 1000.' });
  });
});

describe('integrator.io getJob', () => {
  it('answers the fixture jobs, and 404 for an unknown or malformed id', async () => {
    const res = await call('job-get', 'GET', `/jobs/${FLOW_JOB}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ _id: FLOW_JOB, type: 'flow', status: 'completed', numError: 1, numOpenError: 1 });
    expect((await call('job-get', 'GET', `/jobs/${IMPORT_JOB}`)).body).toMatchObject({ _flowJobId: FLOW_JOB, oIndex: 1 });
    for (const id of [UNKNOWN, 'nope']) {
      const missing = await call('job-get', 'GET', `/jobs/${id}`);
      expect(missing.status).toBe(404);
      expect(missing.body.errors[0].message).toBe('Job not found for the given id.');
    }
  });

  it('moves a run when one of its step jobs is read', async () => {
    const session = 'job-step-read';
    const jobId = (await call(session, 'POST', `/flows/${FLOW}/run`, {})).body._jobId;
    const step = (await call(session, 'GET', `/jobs?_flowJobId=${jobId}&type=export`)).body[0];
    expect(step.status).toBe('queued');
    expect((await call(session, 'GET', `/jobs/${step._id}`)).body.status).toBe('running');
    expect((await call(session, 'GET', `/jobs/${jobId}`)).body.status).toBe('running');
  });
});

describe('integrator.io job errors', () => {
  it("lists a job's errors; a flow job's are its step jobs'; an error-free job has none", async () => {
    const session = 'joberr-list';
    const own = await call(session, 'GET', `/jobs/${IMPORT_JOB}/joberrors`);
    expect(own.status).toBe(200);
    expect(own.body).toEqual([expect.objectContaining({ _id: JOB_ERROR, _jobId: IMPORT_JOB, code: '422', resolved: false })]);
    expect((await call(session, 'GET', `/jobs/${FLOW_JOB}/joberrors`)).body).toEqual(own.body);
    expect((await call(session, 'GET', `/jobs/${EXPORT_JOB}/joberrors`)).body).toEqual([]);
    expect((await call(session, 'GET', `/jobs/${UNKNOWN}/joberrors`)).status).toBe(404);
  });

  it('resolves all errors of a job: resolved, numOpenError 0, numResolved up, the step error resolved too', async () => {
    const session = 'joberr-resolve-all';
    const res = await call(session, 'PUT', `/jobs/${FLOW_JOB}/joberrors/resolve`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([expect.objectContaining({ _id: JOB_ERROR, resolved: true, resolve: true, _userId: '5a7c8f2e9b1d4c3a2f1e0d9c' })]);
    for (const id of [FLOW_JOB, IMPORT_JOB]) {
      expect((await call(session, 'GET', `/jobs/${id}`)).body).toMatchObject({ numError: 1, numOpenError: 0, numResolved: 1 });
    }
    expect((await call(session, 'GET', `/flows/${FLOW}/${IMPORT}/errors`)).body.errors).toEqual([]);
    expect((await call(session, 'GET', `/flows/${FLOW}/${IMPORT}/resolved`)).body.resolved).toEqual([expect.objectContaining({ errorId: '9012345678', resolvedBy: '5a7c8f2e9b1d4c3a2f1e0d9c' })]);
    expect((await call(session, 'PUT', `/jobs/${UNKNOWN}/joberrors/resolve`)).status).toBe(404);
  });

  it('resolves one error by id (201), idempotently; 404 for an unknown error or job', async () => {
    const session = 'joberr-resolve-one';
    const res = await call(session, 'PUT', `/jobs/${IMPORT_JOB}/joberrors/${JOB_ERROR}/resolve`);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ _id: JOB_ERROR, resolved: true });
    expect((await call(session, 'PUT', `/jobs/${FLOW_JOB}/joberrors/${JOB_ERROR}/resolve`)).status).toBe(201);
    expect((await call(session, 'GET', `/jobs/${IMPORT_JOB}`)).body).toMatchObject({ numOpenError: 0, numResolved: 1 });
    for (const errorId of [UNKNOWN, 'nope']) {
      const missing = await call(session, 'PUT', `/jobs/${IMPORT_JOB}/joberrors/${errorId}/resolve`);
      expect(missing.status).toBe(404);
      expect(missing.body.errors[0]).toMatchObject({ message: 'Job error not found for the given id.', field: '_jobErrorId' });
    }
    const job = await call(session, 'PUT', `/jobs/${UNKNOWN}/joberrors/${JOB_ERROR}/resolve`);
    expect(job.body.errors[0].message).toBe('Job not found for the given id.');
  });

  it('lets a read-only token list jobs and errors but not resolve them', async () => {
    expect((await sb.call('GET', `${V}/jobs/${FLOW_JOB}/joberrors`, { session: 'joberr-ro', headers: READ_ONLY })).status).toBe(200);
    expect((await sb.call('PUT', `${V}/jobs/${FLOW_JOB}/joberrors/resolve`, { session: 'joberr-ro', headers: READ_ONLY })).status).toBe(403);
  });
});
