import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../src/platform/auth/tables.js';
import { can, type Permission } from '../src/platform/policy/index.js';
import { createTestApp, createTestOrg, signInAs, type SignedIn, type TestApp, type TestOrg } from './helpers/app.js';

/**
 * Issue 3: every registered route declares its access, and the authorization matrix holds for
 * every role on its own and on another organisation's data. Generic over the route table, so a
 * route added later is covered without touching this file.
 */
let t: TestApp;
let orgA: TestOrg;
let orgB: TestOrg;
const as: Partial<Record<Role, SignedIn>> = {};
let otherOrgUserId: string;
let ownUserId: string;

// Routes anyone may call. Adding a public route means adding it here, on purpose.
const PUBLIC_ROUTES = new Set([
  'GET /api/health/live',
  'GET /api/health/ready',
  'GET /api/v1/openapi.json',
  'GET /api/v1/auth/session',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/password/forgot',
  'POST /api/v1/auth/password/reset',
  'POST /api/v1/auth/invitations/inspect',
  'POST /api/v1/auth/invitations/accept',
  // Issue 6: a parent asks for a single-use sign-in link and signs in with it (same answer for every address).
  'POST /api/v1/auth/sign-in-link',
  'POST /api/v1/auth/sign-in-link/consume',
  'GET /api/v1/public/organisations/:orgId/application-form',
  'POST /api/v1/public/organisations/:orgId/applications',
  // The glossary holds no personal data: parents read it before they have an account.
  'GET /api/v1/glossary',
  'GET /api/v1/glossary/:id',
  // The satisfaction questionnaire: the single-use link is the key (no account needed).
  'GET /api/v1/public/questionnaire/:token',
  'POST /api/v1/public/questionnaire/:token',
  // A calendar app cannot sign in: the private feed is authenticated by the unguessable token in its path.
  'GET /api/v1/calendar/:token.ics',
  // A recipient outside the organisation has no account: the shared link's secret is the key, and the
  // parent's consent is checked again on every open (consent/share-routes.ts).
  'GET /api/v1/shared/:token',
  'GET /api/v1/shared/:token/download',
]);

beforeAll(async () => {
  t = await createTestApp();
  orgA = await createTestOrg(t.db, 'A');
  orgB = await createTestOrg(t.db, 'B');
  for (const role of ROLES) as[role] = await signInAs(t.db, orgA, role, { locationIds: role === 'coordinator' ? [orgA.locationIds.Helmond!] : [] });
  otherOrgUserId = (await signInAs(t.db, orgB, 'admin')).userId;
  ownUserId = (await signInAs(t.db, orgA, 'volunteer')).userId;
});
afterAll(async () => t.close());

const apiRoutes = () => t.app.routeTable.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD' && !r.url.startsWith('/api/docs'));

function fill(url: string, otherTenant: boolean): string {
  return url
    .replace(':id', otherTenant ? otherOrgUserId : ownUserId)
    .replace(':code', 'GM0794');
}

describe('route enumeration', () => {
  it('every API route declares access, and only the listed routes are public', () => {
    const routes = apiRoutes();
    expect(routes.length).toBeGreaterThan(20);
    const publicOnes = routes.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.url}`);
    expect(new Set(publicOnes)).toEqual(PUBLIC_ROUTES);
    for (const r of routes) expect(r.access, `${r.method} ${r.url}`).toBeDefined();
  });
});

describe('authorization matrix', () => {
  it('anonymous callers get 401 on every non-public route', async () => {
    for (const r of apiRoutes().filter((r) => r.access !== 'public')) {
      const res = await t.app.inject({ method: r.method as never, url: fill(r.url, false), payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} });
      expect(`${r.method} ${r.url} → ${res.statusCode}`).toBe(`${r.method} ${r.url} → 401`);
    }
  });

  it('each role reaches exactly the routes its permissions allow (others read as 404)', async () => {
    const mismatches: string[] = [];
    for (const r of apiRoutes().filter((r) => typeof r.access === 'object')) {
      const permission = (r.access as { permission: Permission }).permission;
      for (const role of ROLES) {
        const s = as[role]!;
        const res = await t.app.inject({ method: r.method as never, url: fill(r.url, false), headers: s.headers, payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} });
        const allowed = can({ role } as never, permission);
        const denied = res.statusCode === 404 && res.json().type === 'urn:naast:problem:not_found';
        // An allowed call may still fail validation (empty body) or find nothing, but never as "denied".
        const ok = allowed ? ![401, 403].includes(res.statusCode) && !(denied && !/:id|:code/.test(r.url)) : denied;
        if (!ok) mismatches.push(`${role} ${r.method} ${r.url} → ${res.statusCode} (allowed: ${allowed})`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("another organisation's records are not found, for every role and every route with an id", async () => {
    const failures: string[] = [];
    for (const r of apiRoutes().filter((r) => typeof r.access === 'object' && r.url.includes(':id'))) {
      for (const role of ROLES) {
        const res = await t.app.inject({ method: r.method as never, url: fill(r.url, true), headers: as[role]!.headers, payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} });
        // 400 is acceptable only when the body is refused before any lookup.
        if (![404, 400].includes(res.statusCode)) failures.push(`${role} ${r.method} ${r.url} → ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('staff who have not passed two-factor cannot use permission routes', async () => {
    const s = await signInAs(t.db, orgA, 'admin', { mfaPassed: false });
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: s.headers });
    expect(res.statusCode).toBe(401);
    expect(res.json().type).toBe('urn:naast:problem:mfa_required');
  });
});
