import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestOrg, signInAs, type TestApp } from '../../../test/helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const login = { email: 'nobody@example.org', password: 'not the right one at all' };

describe('CSRF: the Origin of a state-changing request', () => {
  it.each(['null', 'not a url', 'http://evil.example', 'file://'])('refuses Origin %j with 403 problem+json, never 500', async (origin) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { origin, host: 'naast.example' }, payload: login });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().type).toBe('urn:naast:problem:csrf');
  });

  it('lets a same-origin request through to the route', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { origin: 'https://naast.example', host: 'naast.example' }, payload: login });
    expect(res.statusCode).toBe(401);
    expect(res.json().type).toBe('urn:naast:problem:invalid_credentials');
  });

  it('refuses a signed-in state change from an opaque origin even with the right token', async () => {
    const org = await createTestOrg(t.db);
    const s = await signInAs(t.db, org, 'parent');
    const res = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { ...s.headers, origin: 'null', host: 'naast.example' }, payload: { language: 'en' } });
    expect(res.statusCode).toBe(403);
    const ok = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: s.headers, payload: { language: 'en' } });
    expect(ok.statusCode).toBe(200);
  });
});
