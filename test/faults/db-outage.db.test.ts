import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, signInAs, type SignedIn, type TestApp } from '../helpers/app.js';
import { createCustomApp } from '../helpers/app.js';
import { postgresAdminUrl, testDbKind } from '../helpers/db.js';

/**
 * Issue 2 (Operations): if PostgreSQL goes away, requests fail fast with 503 problem+json, and the
 * same running app recovers by itself when the database returns. PGlite lives in the process and
 * cannot go away on its own, so this runs on PostgreSQL only.
 */
describe.skipIf(testDbKind() !== 'postgres')('PostgreSQL outage', () => {
  let t: TestApp;
  let admin: SignedIn;
  let dbName: string;
  let control: pg.Client;

  beforeAll(async () => {
    t = await createCustomApp();
    dbName = new URL(t.db.url!).pathname.slice(1);
    const org = await createTestOrg(t.db, 'Stichting Storing');
    admin = await signInAs(t.db, org, 'admin');
    control = new pg.Client({ connectionString: postgresAdminUrl() });
    await control.connect();
  });
  afterAll(async () => {
    await control.query(`alter database ${dbName} with allow_connections true`).catch(() => undefined);
    await control.end();
    await t.close();
  });

  const terminate = () =>
    control.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [dbName]);

  async function expectUnavailable(method: 'GET' | 'POST', url: string, headers: Record<string, string> = {}, payload?: object) {
    const res = await t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    expect(`${method} ${url} → ${res.statusCode}`).toBe(`${method} ${url} → 503`);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().type).toBe('urn:naast:problem:service_unavailable');
    expect(res.headers['retry-after']).toBeDefined();
    expect(res.body).not.toMatch(/terminat|connect|postgres|ECONN|at /i);
  }

  it('answers normally before the outage', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/health/ready' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: admin.headers })).statusCode).toBe(200);
  });

  it('terminated connections: the next requests get 503 or are served on a fresh connection, never 500', async () => {
    // Warm the pool so several idle connections die at once.
    await Promise.all(Array.from({ length: 5 }, () => t.app.inject({ method: 'GET', url: '/api/v1/users', headers: admin.headers })));
    await terminate();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: admin.headers });
      statuses.push(res.statusCode);
      if (res.statusCode !== 200) expect(res.json().type).toBe('urn:naast:problem:service_unavailable');
    }
    expect(statuses.every((s) => s === 200 || s === 503), statuses.join(',')).toBe(true);
    // The pool replaces dead connections: it is serving again without a restart.
    expect(statuses.at(-1)).toBe(200);
  });

  it('many terminations in a row (more than the pool holds) leak no connection', async () => {
    const pool = t.db.internals.pool!;
    for (let round = 0; round < 12; round++) {
      const inFlight = Array.from({ length: 4 }, () => t.app.inject({ method: 'GET', url: '/api/v1/users', headers: admin.headers }));
      await terminate();
      for (const res of await Promise.all(inFlight)) expect([200, 503]).toContain(res.statusCode);
    }
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: admin.headers });
    expect(res.statusCode).toBe(200);
    // Every connection went back to the pool (a leaked one would stay checked out for ever).
    expect(pool.totalCount - pool.idleCount).toBe(0);
  });

  it('while the database refuses connections: 503 problem+json on every kind of request', async () => {
    await control.query(`alter database ${dbName} with allow_connections false`);
    await terminate();
    await expectUnavailable('GET', '/api/health/ready');
    await expectUnavailable('GET', '/api/v1/users', admin.headers);
    await expectUnavailable('GET', `/api/v1/users/${admin.userId}`, admin.headers);
    await expectUnavailable('POST', '/api/v1/organisation/locations', admin.headers, { name: 'Tijdens storing' });
    // Several at once (the pool must not queue them behind one another forever).
    const many = await Promise.all(Array.from({ length: 8 }, () => t.app.inject({ method: 'GET', url: '/api/v1/users', headers: admin.headers })));
    expect(many.map((r) => r.statusCode)).toEqual(Array(8).fill(503));
    // Liveness is about the process, not the database.
    expect((await t.app.inject({ method: 'GET', url: '/api/health/live' })).statusCode).toBe(200);
  });

  it('recovers by itself when the database is back, and nothing was written during the outage', async () => {
    await control.query(`alter database ${dbName} with allow_connections true`);
    const ready = await t.app.inject({ method: 'GET', url: '/api/health/ready' });
    expect(ready.statusCode).toBe(200);
    const users = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: admin.headers });
    expect(users.statusCode).toBe(200);
    const settings = await t.app.inject({ method: 'GET', url: '/api/v1/organisation', headers: admin.headers });
    expect(settings.statusCode).toBe(200);
    expect(JSON.stringify(settings.json())).not.toContain('Tijdens storing');
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/organisation/locations', headers: admin.headers, payload: { name: 'Na storing' } });
    expect(created.statusCode).toBe(201);
  });
});
