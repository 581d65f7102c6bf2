import { describe, expect, it } from 'vitest';
import { CONNECTION, DIY_ID, EXPORT, FLOW, FULL, IMPORT, useIntegratorSandbox, V } from './sandbox.js';

const sb = useIntegratorSandbox();

const UNKNOWN = 'aaaaaaaaaaaaaaaaaaaaaaaa';

const call = (session: string, method: string, path: string, body?: unknown, scenario?: string) =>
  sb.call(method, `${V}${path}`, { session, headers: { ...FULL, ...(scenario ? { 'X-Mock-Scenario': `integrator/${scenario}` } : {}) }, body });

async function run(session: string, scenario?: string): Promise<string> {
  const res = await call(session, 'POST', `/flows/${FLOW}/run`, {}, scenario);
  expect(res.status).toBe(201);
  expect(res.body).toEqual({ _jobId: expect.stringMatching(/^[0-9a-f]{24}$/) });
  return res.body._jobId;
}

/** Reads the job until it ends; the statuses seen, in order. */
async function poll(session: string, jobId: string, max = 30): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    const res = await call(session, 'GET', `/jobs/${jobId}`);
    expect(res.status).toBe(200);
    seen.push(res.body.status);
    if (res.body.status === 'completed' || res.body.status === 'failed') break;
  }
  return seen;
}

describe('integrator.io runFlow and the job clock', () => {
  it('creates a queued flow job and one queued step job per step', async () => {
    const session = 'run-create';
    const jobId = await run(session);
    const jobs = await call(session, 'GET', `/jobs?_flowJobId=${jobId}`);
    expect(jobs.body.map((j: { type: string; oIndex: number; status: string }) => `${j.type} ${j.oIndex} ${j.status}`)).toEqual(['import 1 queued', 'export 0 queued']);
    expect(jobs.body[1]).toMatchObject({ _exportId: EXPORT, _flowJobId: jobId });
    expect(jobs.body[0]).toMatchObject({ _importId: IMPORT, _flowJobId: jobId });
    const job = await call(session, 'GET', `/jobs/${jobId}`);
    expect(job.body).toMatchObject({ _id: jobId, type: 'flow', _flowId: FLOW, _integrationId: DIY_ID });
    expect(Date.parse(job.body.purgeAt) - Date.parse(job.body.createdAt)).toBe(30 * 24 * 60 * 60 * 1000);
  });

  it('moves queued → running → completed one step per read, never on wall time, with counters and times', async () => {
    const session = 'run-poll';
    const jobId = await run(session);
    expect(await poll(session, jobId)).toEqual(['queued', 'running', 'running', 'completed']);
    const done = (await call(session, 'GET', `/jobs/${jobId}`)).body;
    expect(done).toMatchObject({ status: 'completed', numSuccess: 10, numError: 0, numOpenError: 0, numPagesGenerated: 1, doneExporting: true, _exportId: EXPORT });
    expect(Date.parse(done.startedAt)).toBeLessThanOrEqual(Date.parse(done.endedAt));
    const steps = (await call(session, 'GET', `/jobs?_flowJobId=${jobId}`)).body;
    expect(steps.map((s: { status: string; numSuccess: number }) => `${s.status} ${s.numSuccess}`)).toEqual(['completed 10', 'completed 10']);
    expect(steps.every((s: { startedAt?: string; endedAt?: string }) => s.startedAt && s.endedAt)).toBe(true);
    expect((await call(session, 'GET', `/jobs/${jobId}/joberrors`)).body).toEqual([]);
    expect((await call(session, 'GET', `/flows/${FLOW}`)).body.lastExecutedAt).toBe(done.endedAt);
  });

  it('stays where it is when nobody reads it', async () => {
    const session = 'run-idle';
    const jobId = await run(session);
    await call(session, 'GET', `/flows/${FLOW}`);
    await call(session, 'GET', `/jobs?_flowId=${UNKNOWN}`);
    expect((await call(session, 'GET', `/jobs/${jobId}`)).body.status).toBe('queued');
  });

  it('moves with getLatestFlowJobs, which answers the newest flow job of the flow', async () => {
    const session = 'run-latest';
    const fixture = await call(session, 'GET', `/flows/${FLOW}/jobs/latest`);
    expect(fixture.body).toEqual([expect.objectContaining({ _id: '65b0f1a2c3d4e5f6a7b8c901', status: 'completed' })]);
    const jobId = await run(session);
    const statuses: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await call(session, 'GET', `/flows/${FLOW}/jobs/latest`);
      expect(res.body[0]._id).toBe(jobId);
      statuses.push(res.body[0].status);
    }
    expect(statuses).toEqual(['queued', 'running', 'running', 'completed']);
  });

  it('answers 204 from getLatestFlowJobs for a flow that never ran, 404 for an unknown flow', async () => {
    const session = 'run-latest-204';
    const created = await call(session, 'POST', '/flows', { name: 'Never ran', _exportId: EXPORT, _importId: IMPORT });
    expect((await call(session, 'GET', `/flows/${created.body._id}/jobs/latest`)).status).toBe(204);
    expect((await call(session, 'GET', `/flows/${UNKNOWN}/jobs/latest`)).status).toBe(404);
  });

  it('runs a single-step flow as its export then its import', async () => {
    const session = 'run-simple';
    const created = await call(session, 'POST', '/flows', { name: 'Simple', _exportId: EXPORT, _importId: IMPORT });
    const res = await call(session, 'POST', `/flows/${created.body._id}/run`, {});
    expect(res.status).toBe(201);
    const steps = (await call(session, 'GET', `/jobs?_flowJobId=${res.body._jobId}`)).body;
    expect(steps.map((s: { type: string }) => s.type)).toEqual(['import', 'export']);
  });

  it("runs the page processors inside routers' branches after the flow's own", async () => {
    const session = 'run-routers';
    const routers = [{ branches: [{ name: 'B1', pageProcessors: [{ type: 'export', _exportId: EXPORT }] }] }];
    const created = await call(session, 'POST', '/flows', { name: 'Routed', pageGenerators: [{ _exportId: EXPORT }], pageProcessors: [{ type: 'import', _importId: IMPORT }], routers });
    const res = await call(session, 'POST', `/flows/${created.body._id}/run`, {});
    const steps = (await call(session, 'GET', `/jobs?_flowJobId=${res.body._jobId}`)).body;
    expect(steps.map((s: { type: string; oIndex: number }) => `${s.type} ${s.oIndex}`)).toEqual(['export 2', 'import 1', 'export 0']);
  });

  it('refuses a disabled flow with 422 flow_disabled, and an unknown flow with 404', async () => {
    const session = 'run-disabled';
    const { _id, createdAt, lastModified, lastExecutedAt, ...fields } = (await call(session, 'GET', `/flows/${FLOW}`)).body;
    await call(session, 'PUT', `/flows/${FLOW}`, { ...fields, disabled: true });
    const res = await call(session, 'POST', `/flows/${FLOW}/run`, {});
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ code: 'flow_disabled', message: `Flow ${FLOW} is disabled. Enable it before running it.`, field: 'disabled' }]);
    expect((await call(session, 'GET', `/jobs?_flowId=${FLOW}`)).body).toHaveLength(3);
    expect((await call(session, 'POST', `/flows/${UNKNOWN}/run`, {})).status).toBe(404);
  });
});

describe('integrator.io runs under the named scenarios', () => {
  it('connection-offline: runFlow answers 422 connection_offline and the ping fails', async () => {
    const session = 'run-offline';
    const res = await call(session, 'POST', `/flows/${FLOW}/run`, {}, 'connection-offline');
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ code: 'connection_offline', field: '_connectionId' });
    expect(res.body.errors[0].message).toContain(`Connection ${CONNECTION} (Licensing API) is offline`);
    const ping = await call(session, 'POST', `/connections/${CONNECTION}/ping`, {}, 'connection-offline');
    expect(ping.body.errors?.length ?? 0).toBeGreaterThan(0);
    expect((await call(session, 'GET', `/connections/${CONNECTION}`, undefined, 'connection-offline')).body.offline).toBe(true);
  });

  it('a connection taken offline later stops runs of the flows that use it', async () => {
    const session = 'run-offline-put';
    const { _id, createdAt, lastModified, ...conn } = (await call(session, 'GET', `/connections/${CONNECTION}`)).body;
    expect(conn.offline).toBe(false);
    expect((await call(session, 'PUT', `/connections/${CONNECTION}`, { ...conn, offline: true })).status).toBe(200);
    expect((await call(session, 'POST', `/flows/${FLOW}/run`, {})).status).toBe(422);
  });

  it('run-fails-with-errors: the run completes with numError > 0, job errors and open step errors', async () => {
    const session = 'run-errors';
    const jobId = await run(session, 'run-fails-with-errors');
    expect(await poll(session, jobId)).toEqual(['queued', 'running', 'running', 'completed']);
    const job = (await call(session, 'GET', `/jobs/${jobId}`)).body;
    expect(job).toMatchObject({ status: 'completed', numSuccess: 8, numError: 2, numOpenError: 2, numResolved: 0 });
    const importJob = (await call(session, 'GET', `/jobs?_flowJobId=${jobId}&type=import`)).body[0];
    expect(importJob).toMatchObject({ numError: 2, numOpenError: 2, retriable: true });
    const errors = (await call(session, 'GET', `/jobs/${jobId}/joberrors`)).body;
    expect(errors).toHaveLength(2);
    expect(errors.every((e: { _jobId: string; resolved: boolean }) => e._jobId === importJob._id && !e.resolved)).toBe(true);
    expect((await call(session, 'GET', `/jobs/${importJob._id}/joberrors`)).body).toEqual(errors);
    const open = (await call(session, 'GET', `/flows/${FLOW}/${IMPORT}/errors`)).body.errors;
    expect(open.filter((e: { _flowJobId: string }) => e._flowJobId === jobId)).toHaveLength(2);
    const summary = (await call(session, 'GET', `/flows/${FLOW}/errors`)).body;
    expect(summary.flowErrors).toEqual([expect.objectContaining({ _expOrImpId: IMPORT, numError: 3 })]);
  });

  it('long-running-job: the job stays running for 10 more reads', async () => {
    const session = 'run-long';
    const jobId = await run(session, 'long-running-job');
    const seen = await poll(session, jobId);
    expect(seen[0]).toBe('queued');
    expect(seen.filter((s) => s === 'running').length).toBe(12);
    expect(seen.at(-1)).toBe('completed');
  });

  it('run-export-fails (sticky for the session): the export fails, the import is canceled, the flow job fails', async () => {
    const session = 'run-failed';
    await sb.admin('PUT', `/sessions/${session}/scenario`, { scenario: 'integrator/run-export-fails' });
    const jobId = await run(session);
    expect(await poll(session, jobId)).toEqual(['queued', 'running', 'failed']);
    expect((await call(session, 'GET', `/jobs/${jobId}`)).body).toMatchObject({ status: 'failed', numPagesGenerated: 0, numError: 1, doneExporting: false });
    const steps = (await call(session, 'GET', `/jobs?_flowJobId=${jobId}`)).body;
    expect(steps.map((s: { type: string; status: string }) => `${s.type} ${s.status}`)).toEqual(['import canceled', 'export failed']);
    expect((await call(session, 'GET', `/jobs/${jobId}/joberrors`)).body).toEqual([expect.objectContaining({ source: 'connection', _jobId: steps[1]._id })]);
    expect((await call(session, 'GET', `/flows/${FLOW}/exports/${EXPORT}/errors`)).body.errors).toHaveLength(1);
  });
});
