import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestOrg, signInAs, type SignedIn, type TestApp, type TestOrg } from '../../../test/helpers/app.js';

let t: TestApp;
let org: TestOrg;
let orgB: TestOrg;
let admin: SignedIn;
let coordHelmond: SignedIn;
let volHelmond: SignedIn;
let volTilburg: SignedIn;

const api = (method: string, url: string, s: SignedIn | undefined, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: method as never, url: `/api/v1${url}`, headers: { ...(s?.headers ?? {}), ...headers }, payload: payload as never });

const fullProfile = (over: Record<string, unknown> = {}) => ({
  homeMunicipalityCode: 'GM0794',
  travelMunicipalities: ['GM0794', 'GM1652', 'GM1652'],
  hoursPerWeek: 8,
  maxFamilies: 2,
  measureExperience: ['ots', 'guardianship'],
  institutionExperience: ['Jeugdbescherming Brabant', 'jeugdbescherming  brabant'],
  languages: ['nl', 'ar'],
  conflictInstitutions: ['Zorgaanbieder Zuid'],
  conflictApplicationIds: [],
  ...over,
});

async function audits(orgId: string, resourceType: string, resourceId?: string) {
  return t.db.query<{ action: string; actor_user_id: string; reason: string | null }>(
    `select action, actor_user_id::text, reason from audit_events where org_id = $1 and resource_type = $2 ${resourceId ? 'and resource_id = $3' : ''} order by occurred_at, id`,
    resourceId ? [orgId, resourceType, resourceId] : [orgId, resourceType],
  );
}

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t.db, 'Stichting Profielen');
  orgB = await createTestOrg(t.db, 'Stichting Anders');
  admin = await signInAs(t.db, org, 'admin');
  coordHelmond = await signInAs(t.db, org, 'coordinator', { locationIds: [org.locationIds.Helmond!] });
  volHelmond = await signInAs(t.db, org, 'volunteer', { locationIds: [org.locationIds.Helmond!] });
  volTilburg = await signInAs(t.db, org, 'volunteer', { locationIds: [org.locationIds.Tilburg!] });
});
afterAll(async () => t?.close());

describe('volunteer profile by the coordinator', () => {
  it('shows defaults before the first save, creates the profile on the first PUT and audits both', async () => {
    const before = await api('GET', `/volunteers/${volHelmond.userId}/profile`, coordHelmond);
    expect(before.statusCode).toBe(200);
    expect(before.json()).toMatchObject({ saved: false, maxFamilies: 3, activeFamilies: 0, languages: ['nl'], maxFamiliesLimit: 3, updatedAt: null });

    const res = await api('PUT', `/volunteers/${volHelmond.userId}/profile`, coordHelmond, fullProfile());
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ saved: true, maxFamilies: 2, hoursPerWeek: 8, locationIds: [org.locationIds.Helmond] });
    // Duplicates dropped (also institution names that differ only in case and spaces).
    expect(body.travelMunicipalities).toEqual(['GM0794', 'GM1652']);
    expect(body.institutionExperience).toEqual(['Jeugdbescherming Brabant']);

    const again = await api('PUT', `/volunteers/${volHelmond.userId}/profile`, coordHelmond, fullProfile({ hoursPerWeek: 10 }));
    expect(again.json().hoursPerWeek).toBe(10);
    expect((await audits(org.orgId, 'volunteer_profile', volHelmond.userId)).map((a) => a.action)).toEqual(['read', 'create', 'update']);
  });

  it('a volunteer of another location needs a stated reason (break-the-glass), stored in the audit event', async () => {
    const res = await api('GET', `/volunteers/${volTilburg.userId}/profile`, coordHelmond);
    expect(res.statusCode).toBe(403);
    expect(res.json().type).toBe('urn:naast:problem:reason_required');
    const put = await api('PUT', `/volunteers/${volTilburg.userId}/profile`, coordHelmond, fullProfile());
    expect(put.statusCode).toBe(403);
    expect((await t.db.query(`select 1 from volunteer_profiles where user_id = $1`, [volTilburg.userId])).length).toBe(0);

    const reason = 'Invallen voor de coördinator van Tilburg';
    const ok = await api('GET', `/volunteers/${volTilburg.userId}/profile?reason=${encodeURIComponent(reason)}`, coordHelmond);
    expect(ok.statusCode).toBe(200);
    expect((await audits(org.orgId, 'volunteer_profile', volTilburg.userId)).at(-1)).toMatchObject({ action: 'read', reason });
    // An admin sees the whole organisation.
    expect((await api('GET', `/volunteers/${volTilburg.userId}/profile`, admin)).statusCode).toBe(200);
  });

  it('only volunteers have a profile; other users and other organisations read as not found', async () => {
    expect((await api('GET', `/volunteers/${coordHelmond.userId}/profile`, admin)).statusCode).toBe(404);
    expect((await api('PUT', `/volunteers/${admin.userId}/profile`, admin, fullProfile())).statusCode).toBe(404);
    const other = await signInAs(t.db, orgB, 'volunteer');
    expect((await api('GET', `/volunteers/${other.userId}/profile`, admin)).statusCode).toBe(404);
    expect((await api('PUT', `/volunteers/${other.userId}/profile`, admin, fullProfile())).statusCode).toBe(404);
  });

  it('refuses unknown municipalities, a limit above the organisation’s, below the current caseload, bad hours and languages', async () => {
    const v = await signInAs(t.db, org, 'volunteer', { locationIds: [org.locationIds.Helmond!] });
    const put = (over: Record<string, unknown>) => api('PUT', `/volunteers/${v.userId}/profile`, coordHelmond, fullProfile(over));

    const unknown = await put({ homeMunicipalityCode: 'GM9999', travelMunicipalities: ['GM0794', 'GM9998'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([
      { field: 'body.homeMunicipalityCode', code: 'unknown_municipality', message: 'Deze gemeente bestaat niet. Kies een gemeente uit de lijst.' },
      { field: 'body.travelMunicipalities.1', code: 'unknown_municipality', message: 'Deze gemeente bestaat niet. Kies een gemeente uit de lijst.' },
    ]);

    const above = await put({ maxFamilies: 4 });
    expect(above.statusCode).toBe(400);
    expect(above.json().errors[0]).toMatchObject({ field: 'body.maxFamilies', code: 'above_org_limit', message: 'Het maximum van uw organisatie is 3 gezinnen per vrijwilliger.' });

    // The organisation raises its limit: now 4 is fine.
    await t.db.query(`update organisations set settings = settings || '{"maxFamiliesPerVolunteer": 5}' where org_id = $1`, [org.orgId]);
    expect((await put({ maxFamilies: 4 })).statusCode).toBe(200);
    await t.db.query(`update organisations set settings = settings - 'maxFamiliesPerVolunteer' where org_id = $1`, [org.orgId]);

    await t.db.query(`update volunteer_profiles set active_families = 3 where user_id = $1`, [v.userId]);
    const below = await put({ maxFamilies: 2 });
    expect(below.statusCode).toBe(400);
    expect(below.json().errors[0]).toMatchObject({ field: 'body.maxFamilies', code: 'below_active_families' });

    for (const bad of [{ hoursPerWeek: 41 }, { hoursPerWeek: -1 }, { hoursPerWeek: 7.5 }, { languages: ['xx'] }, { languages: ['NL'] }, { languages: [] }, { measureExperience: ['ots', 'bsn'] }]) {
      const res = await put(bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
    // Nothing of the refused saves was stored.
    const [row] = await t.db.query<{ max_families: number; hours_per_week: number }>(`select max_families, hours_per_week from volunteer_profiles where user_id = $1`, [v.userId]);
    expect(row).toEqual({ max_families: 4, hours_per_week: 8 });
  });

  it('volunteers, parents and funders cannot read or change another volunteer’s profile', async () => {
    for (const role of ['volunteer', 'parent', 'funder'] as const) {
      const s = await signInAs(t.db, org, role);
      expect((await api('GET', `/volunteers/${volHelmond.userId}/profile`, s)).statusCode, role).toBe(404);
      expect((await api('PUT', `/volunteers/${volHelmond.userId}/profile`, s, fullProfile())).statusCode, role).toBe(404);
      expect((await api('GET', '/volunteers', s)).statusCode, role).toBe(404);
    }
  });
});

describe('the volunteer’s own profile', () => {
  it('changes area, hours and languages, keeps the caseload limit and conflicts set by the coordinator', async () => {
    const mine = await api('GET', '/me/volunteer-profile', volHelmond);
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).not.toHaveProperty('conflictApplicationIds');
    const res = await api('PUT', '/me/volunteer-profile', volHelmond, { homeMunicipalityCode: 'GM1652', travelMunicipalities: ['GM0855'], hoursPerWeek: 6, languages: ['nl', 'tr'] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ homeMunicipalityCode: 'GM1652', travelMunicipalities: ['GM0855'], hoursPerWeek: 6, languages: ['nl', 'tr'], maxFamilies: 2, conflictInstitutions: ['Zorgaanbieder Zuid'] });

    const refused = await api('PUT', '/me/volunteer-profile', volHelmond, { homeMunicipalityCode: null, travelMunicipalities: [], hoursPerWeek: 6, languages: ['nl'], maxFamilies: 3 });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toContainEqual(expect.objectContaining({ field: 'body.maxFamilies', code: 'unrecognized_key' }));
  });

  it('a first save by the volunteer creates the profile with the default caseload limit', async () => {
    const v = await signInAs(t.db, org, 'volunteer', { locationIds: [org.locationIds.Tilburg!] });
    const res = await api('PUT', '/me/volunteer-profile', v, { homeMunicipalityCode: 'GM0855', travelMunicipalities: [], hoursPerWeek: 5, languages: ['nl'] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ saved: true, maxFamilies: 3, activeFamilies: 0 });
  });
});

describe('volunteer list', () => {
  it('lists active volunteers with caseload and free places, by location, page by page', async () => {
    await t.db.query(`update volunteer_profiles set active_families = 1 where user_id = $1`, [volHelmond.userId]);
    const all = await api('GET', '/volunteers?limit=200', coordHelmond);
    expect(all.statusCode).toBe(200);
    const items = all.json().items as Array<{ userId: string; freeSlots: number; activeFamilies: number; maxFamilies: number; hasProfile: boolean; locationIds: string[] }>;
    expect(items.find((i) => i.userId === volHelmond.userId)).toMatchObject({ activeFamilies: 1, maxFamilies: 2, freeSlots: 1, hasProfile: true });
    expect(items.every((i) => Object.keys(i).sort().join() === 'activeFamilies,displayName,freeSlots,hasProfile,hoursPerWeek,languages,locationIds,maxFamilies,userId')).toBe(true);

    const helmond = (await api('GET', `/volunteers?locationId=${org.locationIds.Helmond}`, coordHelmond)).json().items as typeof items;
    expect(helmond.length).toBeGreaterThan(0);
    expect(helmond.every((i) => i.locationIds.includes(org.locationIds.Helmond!))).toBe(true);

    // A deactivated volunteer is not listed.
    const gone = await signInAs(t.db, org, 'volunteer');
    await t.db.query(`update users set status = 'deactivated' where id = $1`, [gone.userId]);

    const seen: string[] = [];
    let cursor: string | null = null;
    let calls = 0;
    do {
      const res = await api('GET', `/volunteers?limit=1${cursor ? `&cursor=${cursor}` : ''}`, coordHelmond);
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().items.map((i: { userId: string }) => i.userId));
      cursor = res.json().nextCursor;
    } while (cursor && ++calls < 50);
    expect(seen).toEqual(items.filter((i) => i.userId !== gone.userId).map((i) => i.userId));
    expect(seen).not.toContain(gone.userId);
    expect((await api('GET', '/volunteers?cursor=bm9wZQ', coordHelmond)).statusCode).toBe(400);
  });
});
