import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/platform/auth/passwords.js';
import { createSession, SESSION_COOKIE } from '../src/platform/auth/sessions.js';
import { API_PREFIX } from '../src/platform/http/app.js';
import { createTestOrg, signInAs, type SignedIn, type TestApp, type TestOrg } from './helpers/app.js';
import { bodyRoutes, exampleFor, fillUrl } from './helpers/bodies.js';
import { createCustomApp } from './helpers/app.js';

/**
 * Issue 2 (Operations): structured JSON logs with a request id; personal data and secrets never
 * appear in a log line, not even when a request fails with a 500.
 */
const rand = randomBytes(4).toString('hex');
const SECRET = {
  email: `geheim.persoon.${rand}@example.org`,
  password: `Zeer-Geheim-Wachtwoord-${rand}`,
  displayName: `Jantje Geheimnaam ${rand}`,
  newDisplayName: `Pietje Nieuwenaam ${rand}`,
  bearer: `bearer-geheim-${rand}`,
};

/** A route that fails on purpose: a driver error whose message quotes the parameters (drizzle does). */
async function failingRoutes(app: FastifyInstance) {
  app.get(`${API_PREFIX}/test-only/fail-sql`, { config: { access: 'public' } }, async (req) => {
    await req.ctx.db.withSystem((tx) => tx.execute(sql`select 1 / (length(${SECRET.email}) - length(${SECRET.email}))`));
    return { ok: true };
  });
  app.get(`${API_PREFIX}/test-only/fail-throw`, { config: { access: 'public' } }, async () => {
    throw new Error(`could not process ${SECRET.email} for ${SECRET.displayName}`);
  });
}

let t: TestApp;
let org: TestOrg;
let user: SignedIn;
let sessionToken: string;

beforeAll(async () => {
  t = await createCustomApp({ extraPlugins: [failingRoutes] });
  org = await createTestOrg(t.db, 'Stichting Logboek');
  user = await signInAs(t.db, org, 'admin', { email: SECRET.email, passwordHash: await hashPassword(SECRET.password) });
  await t.db.query('update users set display_name = $1 where id = $2', [SECRET.displayName, user.userId]);
  sessionToken = user.cookie.slice(`${SESSION_COOKIE}=`.length).split('.')[1]!;
});
afterAll(async () => t.close());

const extraTokens: string[] = [];
async function freshSession(): Promise<Record<string, string>> {
  const s = await t.db.withTenant(org.orgId, (tx) => createSession(tx, { orgId: org.orgId, userId: user.userId, mfaPassed: true }));
  extraTokens.push(s.cookieValue.split('.')[1]!, s.csrfToken);
  return { cookie: `${SESSION_COOKIE}=${s.cookieValue}`, 'x-csrf-token': s.csrfToken };
}

const lines = () => t.logs.join('').split('\n').filter((l) => l.trim() !== '');

/** Every secret and its common encodings (URL, JSON-escaped). */
function needles(): string[] {
  const raw = [SECRET.email, SECRET.password, SECRET.displayName, SECRET.newDisplayName, SECRET.bearer, sessionToken, user.csrfToken, ...extraTokens];
  return raw.flatMap((s) => [s, encodeURIComponent(s), s.replace(/ /g, '+'), s.split('@')[0]!]);
}

describe('logs hold no personal data or secrets', () => {
  it('while signing in, reading, updating and calling every route with personal data in it', async () => {
    const h = user.headers;
    // Sign-in: right password, wrong password, unknown address, address in other casing.
    for (const body of [
      { email: SECRET.email, password: SECRET.password },
      { email: SECRET.email, password: `${SECRET.password}-fout` },
      { email: `onbekend.${SECRET.email}`, password: SECRET.password },
      { email: SECRET.email.toUpperCase(), password: SECRET.password },
    ]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: body });
      // The sign-in route really ran (a 404 would make this test prove nothing).
      expect([200, 401, 429]).toContain(res.statusCode);
    }
    await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: h });
    expect((await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: h, payload: { displayName: SECRET.newDisplayName } })).statusCode).toBe(200);
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/password/forgot', payload: { email: SECRET.email } });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/users/${user.userId}`, headers: h })).statusCode).toBe(200);
    // A stolen-looking bearer and a cookie on a public route.
    await t.app.inject({ method: 'GET', url: '/api/health/live', headers: { authorization: `Bearer ${SECRET.bearer}`, cookie: h.cookie! } });

    // Every route: personal data in the body (every string field) and in the query string.
    const values: Record<string, string> = { email: SECRET.email, password: SECRET.password, displayName: SECRET.displayName };
    for (const r of bodyRoutes(t.app)) {
      const payload = exampleFor(r.schema, { string: (p) => values[p.split('.').pop()!] ?? SECRET.displayName });
      // A fresh session each time: sign-out or a password change ends the previous one.
      await t.app.inject({ method: r.method as never, url: fillUrl(r.url, { id: user.userId }), headers: await freshSession(), payload: payload as object });
    }
    for (const r of t.app.routeTable.filter((r) => r.method === 'GET' && r.url.startsWith('/api/v1/'))) {
      const q = new URLSearchParams({ email: SECRET.email, q: SECRET.displayName, password: SECRET.password });
      await t.app.inject({ method: 'GET', url: `${fillUrl(r.url, { id: user.userId })}?${q}`, headers: h });
    }

    const all = lines();
    expect(all.length).toBeGreaterThan(20);
    const leaks = all.flatMap((l) => needles().filter((n) => l.includes(n)).map((n) => `${n} in ${l.slice(0, 300)}`));
    expect(leaks).toEqual([]);
  });

  it('every line is JSON, and request lines carry the request id', () => {
    const reqIds = new Set<string>();
    for (const l of lines()) {
      const o = JSON.parse(l) as { level: number; time: number; msg?: string; reqId?: string; req?: { id: string }; res?: unknown };
      expect(typeof o.level).toBe('number');
      expect(typeof o.time).toBe('number');
      if (o.req || o.res || /request/.test(o.msg ?? '')) {
        expect(o.reqId, l).toMatch(/^[0-9a-f-]{36}$/);
        reqIds.add(o.reqId!);
      }
    }
    expect(reqIds.size).toBeGreaterThan(5);
  });

  it('the request id in the log is the one a problem response names', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/bestaat-niet' });
    const id = (res.json() as { instance: string }).instance.replace('urn:naast:request:', '');
    expect(lines().some((l) => (JSON.parse(l) as { reqId?: string }).reqId === id)).toBe(true);
  });
});

describe('a 500', () => {
  it('from a failed query answers a bare problem and logs only the error class and code', async () => {
    const before = t.logs.length;
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/test-only/fail-sql' });
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json() as { type: string; detail: string };
    expect(body.type).toBe('urn:naast:problem:internal');
    expect(res.body).not.toMatch(/division|select|Failed query|geheim/i);
    const mine = t.logs.slice(before).join('');
    expect(mine).toContain('request failed');
    expect(mine).toContain('22012'); // the SQLSTATE says what went wrong without quoting data
    expect(mine).not.toMatch(/Failed query|division by zero|length\(/);
    for (const n of needles()) expect(mine).not.toContain(n);
  });

  it('from a thrown error logs no message text', async () => {
    const before = t.logs.length;
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/test-only/fail-throw' });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('could not process');
    const mine = t.logs.slice(before).join('');
    expect(mine).toContain('request failed');
    expect(mine).not.toContain('could not process');
    for (const n of needles()) expect(mine).not.toContain(n);
    // The detail tells the caller which request id to quote.
    const id = (res.json() as { instance: string }).instance.replace('urn:naast:request:', '');
    expect((res.json() as { detail: string }).detail).toContain(id);
  });
});
