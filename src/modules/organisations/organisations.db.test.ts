import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../platform/db/ids.js';
import { createTestApp, createTestOrg, signInAs, type SignedIn, type TestApp, type TestOrg } from '../../../test/helpers/app.js';

let t: TestApp;
let org: TestOrg;
let orgB: TestOrg;
let admin: SignedIn;
let coordinator: SignedIn;

const api = (method: string, url: string, s: SignedIn | undefined, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: method as never, url: `/api/v1${url}`, headers: { ...(s?.headers ?? {}), ...headers }, payload: payload as never });

const auditCount = async (orgId: string, resourceType: string, action: string, resourceId: string) =>
  (
    await t.db.query<{ n: number }>(`select count(*)::int as n from audit_events where org_id = $1 and resource_type = $2 and action = $3 and resource_id = $4`, [
      orgId,
      resourceType,
      action,
      resourceId,
    ])
  )[0]!.n;

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t.db, 'Stichting Instellingen');
  orgB = await createTestOrg(t.db, 'Stichting Anders');
  admin = await signInAs(t.db, org, 'admin');
  coordinator = await signInAs(t.db, org, 'coordinator');
  // Reference rows this file needs, whatever the data migration holds.
  await t.db.query(
    `insert into municipalities (code, name, province, lat, lon) values
       ('GM0794', 'Helmond', 'Noord-Brabant', 51.48, 5.66), ('GM0855', 'Tilburg', 'Noord-Brabant', 51.56, 5.08),
       ('GM0796', '''s-Hertogenbosch', 'Noord-Brabant', 51.69, 5.30), ('GM0363', 'Amsterdam', 'Noord-Holland', 52.37, 4.89)
     on conflict do nothing`,
  );
});
afterAll(async () => t?.close());

describe('organisation settings', () => {
  it('admins and coordinators read the settings; others get 404', async () => {
    for (const s of [admin, coordinator]) {
      const res = await api('GET', '/organisation', s);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ name: 'Stichting Instellingen', workArea: [] });
      expect(res.json().locations.map((l: { name: string }) => l.name)).toEqual(['Helmond', 'Tilburg']);
    }
    for (const role of ['volunteer', 'parent', 'funder'] as const) {
      expect((await api('GET', '/organisation', await signInAs(t.db, org, role))).statusCode, role).toBe(404);
    }
    expect((await api('PATCH', '/organisation', coordinator, { name: 'Nee' })).statusCode).toBe(404);
  });

  it('renames the organisation, storing HTML and SQL exactly as sent, and audits it', async () => {
    const name = `<b>Stichting</b> 'Naast'; DROP TABLE organisations; --`;
    const res = await api('PATCH', '/organisation', admin, { name });
    expect(res.statusCode).toBe(200);
    expect(res.json().name).toBe(name);
    expect((await api('GET', '/organisation', coordinator)).json().name).toBe(name);
    expect(await auditCount(org.orgId, 'organisation', 'update', org.orgId)).toBe(1);
    // the other organisation is untouched
    const [b] = await t.db.query<{ name: string }>(`select name from organisations where org_id = $1`, [orgB.orgId]);
    expect(b!.name).toBe('Stichting Anders');
    expect((await api('PATCH', '/organisation', admin, { name: '   ' })).statusCode).toBe(400);
  });

  it('service norms: defaults 2 working days and 3 families; changed within 1..10 and kept apart from the name', async () => {
    const fresh = await createTestOrg(t.db, 'Stichting Normen');
    const a = await signInAs(t.db, fresh, 'admin');
    expect((await api('GET', '/organisation', a)).json()).toMatchObject({ firstContactWorkingDays: 2, maxFamiliesPerVolunteer: 3 });
    const res = await api('PATCH', '/organisation', a, { firstContactWorkingDays: 5 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Stichting Normen', firstContactWorkingDays: 5, maxFamiliesPerVolunteer: 3 });
    expect((await api('PATCH', '/organisation', a, { maxFamiliesPerVolunteer: 2, name: 'Stichting Normen 2' })).json()).toMatchObject({
      name: 'Stichting Normen 2',
      firstContactWorkingDays: 5,
      maxFamiliesPerVolunteer: 2,
    });
    for (const bad of [{ firstContactWorkingDays: 0 }, { firstContactWorkingDays: 11 }, { maxFamiliesPerVolunteer: 1.5 }, { maxFamiliesPerVolunteer: '3' }]) {
      expect((await api('PATCH', '/organisation', a, bad)).statusCode, JSON.stringify(bad)).toBe(400);
    }
    const [row] = await t.db.query<{ settings: Record<string, unknown> }>(`select settings from organisations where org_id = $1`, [fresh.orgId]);
    expect(row!.settings).toEqual({ firstContactWorkingDays: 5, maxFamiliesPerVolunteer: 2 });
  });

  it('trajectory norms: defaults 8 months and 12 months of aftercare; changed within 3..24 and 0..36', async () => {
    const fresh = await createTestOrg(t.db, 'Stichting Trajectnormen');
    const a = await signInAs(t.db, fresh, 'admin');
    expect((await api('GET', '/organisation', a)).json()).toMatchObject({ trajectoryNormMonths: 8, aftercareMonths: 12 });
    const res = await api('PATCH', '/organisation', a, { trajectoryNormMonths: 10 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ trajectoryNormMonths: 10, aftercareMonths: 12, firstContactWorkingDays: 2 });
    // 0 months of aftercare is allowed: an organisation without aftercare
    expect((await api('PATCH', '/organisation', a, { aftercareMonths: 0 })).json()).toMatchObject({ trajectoryNormMonths: 10, aftercareMonths: 0 });
    const bads = [{ trajectoryNormMonths: 2 }, { trajectoryNormMonths: 25 }, { trajectoryNormMonths: 6.5 }, { aftercareMonths: -1 }, { aftercareMonths: 37 }, { aftercareMonths: '6' }];
    for (const bad of bads) {
      const r = await api('PATCH', '/organisation', a, bad);
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
      expect(r.json().errors[0].field).toBe(`body.${Object.keys(bad)[0]}`);
    }
    // a refused change saves nothing, not even the valid field next to it
    expect((await api('PATCH', '/organisation', a, { trajectoryNormMonths: 12, aftercareMonths: 40 })).statusCode).toBe(400);
    const [row] = await t.db.query<{ settings: Record<string, unknown> }>(`select settings from organisations where org_id = $1`, [fresh.orgId]);
    expect(row!.settings).toEqual({ trajectoryNormMonths: 10, aftercareMonths: 0 });
    // only those who manage the organisation change it
    const c = await signInAs(t.db, fresh, 'coordinator');
    expect((await api('PATCH', '/organisation', c, { aftercareMonths: 6 })).statusCode).not.toBe(200);
  });
});

describe('locations', () => {
  it('creates, renames and deletes a location; names must be unique', async () => {
    const name = `Eindhoven <script>alert(1)</script> "x" OR 1=1`;
    const created = await api('POST', '/organisation/locations', admin, { name });
    expect(created.statusCode).toBe(201);
    const loc = created.json() as { id: string; name: string };
    expect(loc.name).toBe(name);
    expect(await auditCount(org.orgId, 'location', 'create', loc.id)).toBe(1);

    const dup = await api('POST', '/organisation/locations', admin, { name: 'helmond' }, { 'accept-language': 'en' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ type: 'urn:naast:problem:location_name_taken', title: 'This name already exists' });
    expect((await api('PATCH', `/organisation/locations/${loc.id}`, admin, { name: 'Tilburg' })).statusCode).toBe(409);

    const renamed = await api('PATCH', `/organisation/locations/${loc.id}`, admin, { name: 'Eindhoven' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toEqual({ id: loc.id, name: 'Eindhoven' });
    // renaming to its own name (other case) is fine
    expect((await api('PATCH', `/organisation/locations/${loc.id}`, admin, { name: 'EINDHOVEN' })).statusCode).toBe(200);

    expect((await api('DELETE', `/organisation/locations/${loc.id}`, admin)).statusCode).toBe(204);
    expect((await api('DELETE', `/organisation/locations/${loc.id}`, admin)).statusCode).toBe(404);
    expect((await api('PATCH', `/organisation/locations/${loc.id}`, admin, { name: 'Weg' })).statusCode).toBe(404);
    expect(await auditCount(org.orgId, 'location', 'delete', loc.id)).toBe(1);
    expect((await api('GET', '/organisation', admin)).json().locations.map((l: { id: string }) => l.id)).not.toContain(loc.id);
  });

  it("cannot see or change another organisation's locations", async () => {
    const foreign = orgB.locationIds.Helmond!;
    expect((await api('PATCH', `/organisation/locations/${foreign}`, admin, { name: 'Overgenomen' })).statusCode).toBe(404);
    expect((await api('DELETE', `/organisation/locations/${foreign}`, admin)).statusCode).toBe(404);
    const [row] = await t.db.query<{ name: string }>(`select name from locations where org_id = $1 and id = $2`, [orgB.orgId, foreign]);
    expect(row!.name).toBe('Helmond');
  });

  it('refuses to delete a location still used by the work area, a user or a pending invitation (409)', async () => {
    const make = async (name: string) => (await api('POST', '/organisation/locations', admin, { name })).json().id as string;

    const byArea = await make('Gebied');
    expect((await api('PUT', '/organisation/work-area/GM0796', admin, { locationId: byArea, funding: 'subsidy' })).statusCode).toBe(200);
    const res = await api('DELETE', `/organisation/locations/${byArea}`, admin);
    expect(res.statusCode).toBe(409);
    expect(res.json().type).toBe('urn:naast:problem:location_in_use');
    expect((await api('DELETE', '/organisation/work-area/GM0796', admin)).statusCode).toBe(204);
    expect((await api('DELETE', `/organisation/locations/${byArea}`, admin)).statusCode).toBe(204);

    const byUser = await make('Medewerker');
    await signInAs(t.db, org, 'coordinator', { locationIds: [byUser] });
    expect((await api('DELETE', `/organisation/locations/${byUser}`, admin)).statusCode).toBe(409);

    const byInvite = await make('Uitnodiging');
    const inv = await api('POST', '/users/invitations', admin, { email: `loc.${uuidv7()}@example.org`, displayName: 'Nieuw', role: 'coordinator', locationIds: [byInvite] });
    expect(inv.statusCode).toBe(201);
    expect((await api('DELETE', `/organisation/locations/${byInvite}`, admin)).statusCode).toBe(409);
    expect((await api('DELETE', `/users/invitations/${inv.json().id}`, admin)).statusCode).toBe(204);
    expect((await api('DELETE', `/organisation/locations/${byInvite}`, admin)).statusCode).toBe(204);
  });
});

describe('work area', () => {
  it('adds, changes and removes a municipality, with its name from the reference table', async () => {
    const helmond = org.locationIds.Helmond!;
    const tilburg = org.locationIds.Tilburg!;
    const add = await api('PUT', '/organisation/work-area/GM0794', admin, { locationId: helmond, funding: 'subsidy' });
    expect(add.statusCode).toBe(200);
    expect(add.json()).toEqual({ municipalityCode: 'GM0794', municipalityName: 'Helmond', locationId: helmond, funding: 'subsidy', purchaseAgreement: false });
    expect((await api('PUT', '/organisation/work-area/GM0855', admin, { locationId: tilburg, funding: 'per_trajectory' })).statusCode).toBe(200);

    const change = await api('PUT', '/organisation/work-area/GM0794', admin, { locationId: tilburg, funding: 'per_trajectory', purchaseAgreement: true });
    expect(change.statusCode).toBe(200);
    expect(await auditCount(org.orgId, 'work_area', 'create', 'GM0794')).toBe(1);
    expect(await auditCount(org.orgId, 'work_area', 'update', 'GM0794')).toBe(1);

    const settings = (await api('GET', '/organisation', coordinator)).json();
    expect(settings.workArea).toEqual([
      { municipalityCode: 'GM0794', municipalityName: 'Helmond', locationId: tilburg, funding: 'per_trajectory', purchaseAgreement: true },
      { municipalityCode: 'GM0855', municipalityName: 'Tilburg', locationId: tilburg, funding: 'per_trajectory', purchaseAgreement: false },
    ]);

    expect((await api('DELETE', '/organisation/work-area/GM0855', admin)).statusCode).toBe(204);
    expect((await api('DELETE', '/organisation/work-area/GM0855', admin)).statusCode).toBe(404);
    expect(await auditCount(org.orgId, 'work_area', 'delete', 'GM0855')).toBe(1);
    // the other organisation's work area is its own
    expect((await t.db.query(`select 1 from work_area where org_id = $1`, [orgB.orgId])).length).toBe(0);
  });

  it('answers unknown municipalities with 404, malformed codes and foreign locations with 400', async () => {
    const helmond = org.locationIds.Helmond!;
    expect((await api('PUT', '/organisation/work-area/GM9999', admin, { locationId: helmond, funding: 'subsidy' })).statusCode).toBe(404);
    expect((await api('DELETE', '/organisation/work-area/GM9999', admin)).statusCode).toBe(404);
    expect((await api('PUT', "/organisation/work-area/GM0794'--", admin, { locationId: helmond, funding: 'subsidy' })).statusCode).toBe(400);
    const foreign = await api('PUT', '/organisation/work-area/GM0796', admin, { locationId: orgB.locationIds.Helmond, funding: 'subsidy' });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors).toEqual([expect.objectContaining({ field: 'body.locationId', code: 'unknown_location' })]);
    expect((await api('PUT', '/organisation/work-area/GM0796', admin, { locationId: helmond, funding: 'gratis' })).statusCode).toBe(400);
  });

  it('refuses to remove a municipality that a funder or a pending funder invitation depends on (409)', async () => {
    expect((await api('PUT', '/organisation/work-area/GM0796', admin, { locationId: org.locationIds.Helmond, funding: 'subsidy' })).statusCode).toBe(200);
    const inv = await api('POST', '/users/invitations', admin, { email: `fin.${uuidv7()}@example.org`, displayName: 'Fin', role: 'funder', funderMunicipalityCode: 'GM0796' });
    expect(inv.statusCode).toBe(201);
    const res = await api('DELETE', '/organisation/work-area/GM0796', admin);
    expect(res.statusCode).toBe(409);
    expect(res.json().type).toBe('urn:naast:problem:work_area_in_use');
    expect((await api('DELETE', `/users/invitations/${inv.json().id}`, admin)).statusCode).toBe(204);
    expect((await api('DELETE', '/organisation/work-area/GM0796', admin)).statusCode).toBe(204);
  });
});

describe('municipalities', () => {
  it('lists the reference table by province, paged by code', async () => {
    const res = await api('GET', '/municipalities?province=noord-brabant', coordinator);
    expect(res.statusCode).toBe(200);
    const all = res.json().items as Array<{ code: string; name: string; province: string }>;
    expect(all.every((m) => m.province === 'Noord-Brabant')).toBe(true);
    expect(all.map((m) => m.code)).toEqual(expect.arrayContaining(['GM0794', 'GM0796', 'GM0855']));
    expect(all.map((m) => m.code)).toEqual([...all.map((m) => m.code)].sort());
    expect(res.json().nextCursor).toBeNull();

    const paged: string[] = [];
    let cursor: string | null = null;
    let n = 0;
    do {
      const page = (await api('GET', `/municipalities?province=Noord-Brabant&limit=7${cursor ? `&cursor=${cursor}` : ''}`, admin)).json() as { items: Array<{ code: string }>; nextCursor: string | null };
      paged.push(...page.items.map((m) => m.code));
      cursor = page.nextCursor;
    } while (cursor && ++n < 200);
    expect(paged).toEqual(all.map((m) => m.code));

    expect((await api('GET', '/municipalities?province=Noord-Holland', admin)).json().items.map((m: { code: string }) => m.code)).toContain('GM0363');
    expect((await api('GET', '/municipalities?cursor=!!', admin)).statusCode).toBe(400);
    // Public reference data: a volunteer reads it to say where they can travel; signed out it stays closed.
    const volunteerRead = await api('GET', '/municipalities?province=Limburg', await signInAs(t.db, org, 'volunteer'));
    expect(volunteerRead.statusCode).toBe(200);
    expect(volunteerRead.json().items.map((m: { code: string }) => m.code)).toContain('GM0935');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/municipalities' })).statusCode).toBe(401);
  });
});
