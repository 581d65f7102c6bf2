import { describe, expect, it } from 'vitest';
import { BASE, DIY_ID, FULL, SMART_ID, useIntegratorSandbox } from './sandbox.js';

const sb = useIntegratorSandbox();

const session = 'integrator-list';
const list = (query = '') => sb.call('GET', `${BASE}${query}`, { session, headers: FULL });

describe('integrator.io listIntegrations', () => {
  it('answers both fixture integrations with no Link header when they fit one page', async () => {
    const res = await list();
    expect(res.status).toBe(200);
    expect(res.body.map((doc: { _id: string }) => doc._id)).toEqual([DIY_ID, SMART_ID]);
    expect(res.headers.get('link')).toBeNull();
  });

  it('links the next page with absolute URLs, and the previous one when skip is above 0', async () => {
    const first = await list('?limit=1');
    expect(first.headers.get('link')).toBe(`<${sb.baseUrl}${BASE}?skip=1&limit=1>; rel="next"`);
    const second = await list('?skip=1&limit=1');
    expect(second.body[0]._id).toBe(SMART_ID);
    expect(second.headers.get('link')).toBe(`<${sb.baseUrl}${BASE}?skip=0&limit=1>; rel="prev"`);
  });

  it('answers 204 for a page past the end', async () => {
    const res = await list('?skip=5');
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
  });

  it('keeps only the included fields, and _id', async () => {
    const res = await list('?include=name,mode');
    expect(res.body).toEqual([
      { _id: DIY_ID, name: 'Licensing and Usage' },
      { _id: SMART_ID, name: 'BigCommerce - NetSuite Connector', mode: 'install' },
    ]);
  });

  it('leaves out the excluded fields but never _id', async () => {
    const res = await list('?exclude=_id,install,settings,readme');
    expect(res.status).toBe(200);
    expect(res.body[0]).toHaveProperty('_id', DIY_ID);
    expect(res.body[0]).not.toHaveProperty('readme');
    expect(res.body[1]).not.toHaveProperty('install');
    expect(res.body[1]).not.toHaveProperty('settings');
    expect(res.body[1]).toHaveProperty('version', '1.0.1');
  });

  it('always keeps _id and name in an include, as the summary projection does', async () => {
    const res = await list('?include=mode');
    expect(res.body).toEqual([
      { _id: DIY_ID, name: 'Licensing and Usage' },
      { _id: SMART_ID, name: 'BigCommerce - NetSuite Connector', mode: 'install' },
    ]);
  });

  it('reaches into objects with dot notation, in include and exclude', async () => {
    const included = await list('?include=settings.sections,install');
    expect(Object.keys(included.body[1]).sort()).toEqual(['_id', 'install', 'name', 'settings']);
    expect(Object.keys(included.body[1].settings)).toEqual(['sections']);
    const full = await list('');
    const excluded = await list('?exclude=settings.sections');
    expect(excluded.body[1].settings).toEqual(Object.fromEntries(Object.entries(full.body[1].settings).filter(([k]) => k !== 'sections')));
    expect(excluded.body[1].install).toEqual(full.body[1].install);
  });

  it('ignores an empty or bare include or exclude', async () => {
    const full = await list('');
    for (const query of ['?include=', '?include', '?exclude=', '?include=&exclude=readme']) {
      const res = await list(query);
      expect(res.status, query).toBe(200);
      if (query.includes('readme')) expect(res.body[0], query).not.toHaveProperty('readme');
      else expect(res.body, query).toEqual(full.body);
    }
  });

  it('carries include into the Link URLs', async () => {
    const res = await list('?limit=1&include=name');
    expect(res.headers.get('link')).toBe(`<${sb.baseUrl}${BASE}?skip=1&limit=1&include=name>; rel="next"`);
  });

  it('answers 400 invalid_query_params for include and exclude together', async () => {
    const res = await list('?include=name&exclude=readme');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { code: 'invalid_query_params', message: 'Please provide either include or exclude param in the request query and not both.' },
    ]);
  });

  it('answers 400 invalid_query_params for bad characters in a field list', async () => {
    for (const query of ['?include=name;drop', '?exclude=name,,mode', '?include=.name', '?exclude=settings.']) {
      const res = await list(query);
      expect(res.status, query).toBe(400);
      expect(res.body.errors[0]).toMatchObject({ code: 'invalid_query_params' });
    }
  });

  it('answers 400 invalid_query_params for a limit or skip out of range', async () => {
    for (const query of ['?limit=0', '?limit=1001', '?limit=ten', '?skip=-1']) {
      const res = await list(query);
      expect(res.status, query).toBe(400);
      expect(res.body.errors[0].code).toBe('invalid_query_params');
    }
  });
});
