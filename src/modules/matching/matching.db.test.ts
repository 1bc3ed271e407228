import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestOrg, signInAs, type SignedIn, type TestApp, type TestOrg } from '../../../test/helpers/app.js';
import { insertFamily, insertProfile } from '../../../test/helpers/matching.js';
import { readMails } from '../../../test/helpers/users-mail.js';
import { takeSlot } from './repository.js';

let t: TestApp;
let org: TestOrg;
let admin: SignedIn;
let coord: SignedIn;
let coordTilburg: SignedIn;
let helmond: string;
let tilburg: string;

const api = (method: string, url: string, s: SignedIn | undefined, payload?: unknown) =>
  t.app.inject({ method: method as never, url: `/api/v1${url}`, headers: { ...(s?.headers ?? {}) }, payload: payload as never });

async function volunteer(p: Parameters<typeof insertProfile>[3] = {}, location = helmond): Promise<SignedIn> {
  const v = await signInAs(t.db, org, 'volunteer', { locationIds: [location] });
  await insertProfile(t.db, org.orgId, v.userId, p);
  return v;
}

const caseload = async (userId: string) =>
  (await t.db.query<{ active_families: number; max_families: number }>(`select active_families, max_families from volunteer_profiles where user_id = $1`, [userId]))[0]!;
const matchRows = (applicationId: string) => t.db.query<{ status: string; volunteer_user_id: string }>(`select status, volunteer_user_id::text from matches where application_id = $1`, [applicationId]);
const appStatus = async (id: string) => (await t.db.query<{ status: string }>(`select status from applications where id = $1`, [id]))[0]!.status;

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t.db, 'Stichting Koppelen');
  helmond = org.locationIds.Helmond!;
  tilburg = org.locationIds.Tilburg!;
  admin = await signInAs(t.db, org, 'admin');
  coord = await signInAs(t.db, org, 'coordinator', { locationIds: [helmond] });
  coordTilburg = await signInAs(t.db, org, 'coordinator', { locationIds: [tilburg] });
});
afterAll(async () => t?.close());

describe('ranking for one family', () => {
  it('suitable volunteers first with their reasons, excluded ones after with why; names only', async () => {
    const family = await insertFamily(t.db, org.orgId, { locationId: helmond, municipalityCode: 'GM0794', measures: ['ots'], institutions: ['Jeugdbescherming Brabant'] });
    const best = await volunteer({ homeMunicipalityCode: 'GM0794', measureExperience: ['ots'], institutionExperience: ['jeugdbescherming brabant'], hoursPerWeek: 10 });
    const ok = await volunteer({ homeMunicipalityCode: 'GM1652', hoursPerWeek: 5 });
    const conflicted = await volunteer({ conflictInstitutions: ['Jeugdbescherming Brabant'] });
    const full = await volunteer({ maxFamilies: 1, activeFamilies: 1 });
    const far = await volunteer({ homeMunicipalityCode: 'GM0855', travelMunicipalities: [] }, tilburg);
    const familyConflict = await volunteer({ conflictApplicationIds: [family.id] });

    const res = await api('GET', `/applications/${family.id}/match-candidates`, coord);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.application).toMatchObject({ id: family.id, reference: family.reference, status: 'waiting', priority: 3, locationId: helmond, openMatchId: null });
    const c = body.candidates as Array<{ volunteerUserId: string; suitable: boolean; score: number; exclusions: Array<{ code: string }>; reasons: Array<{ code: string; points: number }> }>;
    const ids = c.map((x) => x.volunteerUserId);
    expect(ids.indexOf(best.userId)).toBeLessThan(ids.indexOf(ok.userId));
    const firstExcluded = c.findIndex((x) => !x.suitable);
    expect(c.slice(0, firstExcluded).every((x) => x.suitable && x.exclusions.length === 0)).toBe(true);
    expect(c.slice(firstExcluded).every((x) => !x.suitable && x.score === 0)).toBe(true);
    const exclusions = (id: string) => c.find((x) => x.volunteerUserId === id)!.exclusions.map((e) => e.code);
    expect(exclusions(conflicted.userId)).toEqual(['conflict_institution']);
    expect(exclusions(full.userId)).toEqual(['full']);
    expect(exclusions(far.userId)).toEqual(['out_of_area']);
    expect(exclusions(familyConflict.userId)).toEqual(['conflict_family']);
    expect(c[0]!.reasons.map((r) => r.code)).toEqual(['distance', 'measure', 'institution', 'language', 'hours', 'caseload']);
    // No personal data of volunteers beyond the name.
    expect(Object.keys(c[0]!).sort()).toEqual(['activeFamilies', 'displayName', 'exclusions', 'hoursPerWeek', 'maxFamilies', 'reasons', 'score', 'suitable', 'volunteerUserId']);
    expect(res.body).not.toMatch(/@example\.org/);

    // Audited: the family read and the list of volunteers.
    const events = await t.db.query<{ action: string; resource_type: string }>(`select action, resource_type from audit_events where org_id = $1 and actor_user_id = $2 order by occurred_at`, [org.orgId, coord.userId]);
    expect(events).toEqual(expect.arrayContaining([{ action: 'read', resource_type: 'application' }, { action: 'list', resource_type: 'volunteer_profile' }]));
  });

  it('a family of another location needs a reason; an unknown or not waiting family is not found', async () => {
    const family = await insertFamily(t.db, org.orgId, { locationId: helmond });
    expect((await api('GET', `/applications/${family.id}/match-candidates`, coordTilburg)).statusCode).toBe(403);
    expect((await api('GET', `/applications/${family.id}/match-candidates?reason=${encodeURIComponent('Helpen bij drukte in Helmond')}`, coordTilburg)).statusCode).toBe(200);
    const fresh = await insertFamily(t.db, org.orgId, { locationId: helmond, status: 'new' });
    expect((await api('GET', `/applications/${fresh.id}/match-candidates`, coord)).statusCode).toBe(404);
    for (const role of ['volunteer', 'parent', 'funder'] as const) {
      const s = await signInAs(t.db, org, role);
      expect((await api('GET', `/applications/${family.id}/match-candidates`, s)).statusCode, role).toBe(404);
    }
  });
});

describe('confirming a match', () => {
  it('refuses a full volunteer, a conflict, out of area, a non-volunteer: with the reason, nothing saved', async () => {
    const family = await insertFamily(t.db, org.orgId, { locationId: helmond, institutions: ['GI Zuid'] });
    const full = await volunteer({ maxFamilies: 2, activeFamilies: 2 });
    const conflict = await volunteer({ conflictInstitutions: ['gi zuid'] });
    const conflictFamily = await volunteer({ conflictApplicationIds: [family.id] });
    const far = await volunteer({ homeMunicipalityCode: 'GM0855' }, tilburg);
    const noProfile = await signInAs(t.db, org, 'volunteer', { locationIds: [helmond] });
    const cases: Array<[string, number, string]> = [
      [full.userId, 409, 'volunteer_full'],
      [conflict.userId, 409, 'conflict_of_interest'],
      [conflictFamily.userId, 409, 'conflict_of_interest'],
      [far.userId, 422, 'out_of_area'],
      [coord.userId, 422, 'not_a_volunteer'],
      [noProfile.userId, 422, 'volunteer_no_profile'],
    ];
    for (const [volunteerUserId, status, code] of cases) {
      const res = await api('POST', '/matches', coord, { applicationId: family.id, volunteerUserId });
      expect(`${code} → ${res.statusCode}`).toBe(`${code} → ${status}`);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().type).toBe(`urn:naast:problem:${code}`);
      expect(res.json().title.length).toBeGreaterThan(5);
    }
    const en = await t.app.inject({ method: 'POST', url: '/api/v1/matches', headers: { ...coord.headers, 'accept-language': 'en' }, payload: { applicationId: family.id, volunteerUserId: full.userId } });
    expect(en.json().title).toBe('This volunteer has no free place');
    expect(await matchRows(family.id)).toEqual([]);
    expect(await caseload(full.userId)).toEqual({ active_families: 2, max_families: 2 });
    expect(await caseload(conflict.userId)).toEqual({ active_families: 0, max_families: 3 });
  });

  it('confirms: a pending match, one place taken, the volunteer mailed without family details; a second match for the family is refused', async () => {
    const family = await insertFamily(t.db, org.orgId, { locationId: helmond });
    const v = await volunteer({ maxFamilies: 2 });
    const res = await api('POST', '/matches', coord, { applicationId: family.id, volunteerUserId: v.userId });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ applicationId: family.id, reference: family.reference, volunteerUserId: v.userId, status: 'pending', respondedAt: null });
    expect(res.json().score).toBeGreaterThan(0);
    expect(await caseload(v.userId)).toEqual({ active_families: 1, max_families: 2 });

    const [{ email }] = (await t.db.query<{ email: string }>(`select email from users where id = $1`, [v.userId])) as [{ email: string }];
    const mails = (await readMails(t.config.dataDir)).filter((m) => m.to.includes(email));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain('Er is een gezin voor u voorgesteld');
    expect(mails[0]!.text).not.toContain(family.reference);
    expect(mails[0]!.text).not.toMatch(/Helmond|ots|jeugdbeschermer/i);

    const other = await volunteer();
    const again = await api('POST', '/matches', coord, { applicationId: family.id, volunteerUserId: other.userId });
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toBe('urn:naast:problem:match_exists');
    expect(await caseload(other.userId)).toEqual({ active_families: 0, max_families: 3 });

    const events = await t.db.query(`select 1 from audit_events where org_id = $1 and resource_type = 'match' and action = 'create' and resource_id = $2`, [org.orgId, res.json().id]);
    expect(events).toHaveLength(1);
  });

  it('only coordinators and admins confirm or withdraw; a family that is not waiting is refused', async () => {
    const family = await insertFamily(t.db, org.orgId, { locationId: helmond });
    const v = await volunteer();
    for (const role of ['volunteer', 'parent', 'funder'] as const) {
      const s = await signInAs(t.db, org, role);
      expect((await api('POST', '/matches', s, { applicationId: family.id, volunteerUserId: v.userId })).statusCode, role).toBe(404);
    }
    expect((await api('POST', '/matches', v, { applicationId: family.id, volunteerUserId: v.userId })).statusCode).toBe(404);
    expect(await matchRows(family.id)).toEqual([]);
    const matched = await insertFamily(t.db, org.orgId, { locationId: helmond, status: 'matched' });
    const res = await api('POST', '/matches', admin, { applicationId: matched.id, volunteerUserId: v.userId });
    expect(res.statusCode).toBe(409);
    expect(res.json().type).toBe('urn:naast:problem:application_not_matchable');
    // Another location's family: a reason first.
    expect((await api('POST', '/matches', coordTilburg, { applicationId: family.id, volunteerUserId: v.userId })).statusCode).toBe(403);
  });

  it('withdraw gives the place back and the family can be matched again', async () => {
    const family = await insertFamily(t.db, org.orgId, { locationId: helmond });
    const v = await volunteer({ maxFamilies: 1 });
    const m = (await api('POST', '/matches', coord, { applicationId: family.id, volunteerUserId: v.userId })).json();
    expect(await caseload(v.userId)).toMatchObject({ active_families: 1 });
    expect((await api('POST', `/matches/${m.id}/withdraw`, v)).statusCode).toBe(404);
    const w = await api('POST', `/matches/${m.id}/withdraw`, coord);
    expect(w.statusCode).toBe(200);
    expect(w.json().status).toBe('withdrawn');
    expect(await caseload(v.userId)).toMatchObject({ active_families: 0 });
    expect((await api('POST', `/matches/${m.id}/withdraw`, coord)).json().type).toBe('urn:naast:problem:match_not_pending');
    expect((await api('POST', '/matches', coord, { applicationId: family.id, volunteerUserId: v.userId })).statusCode).toBe(201);
  });
});

describe('concurrency: the caseload limit holds in the database', () => {
  it('ten coordinators confirm ten families for one volunteer with one free place at once: exactly one succeeds', async () => {
    const v = await volunteer({ maxFamilies: 3, activeFamilies: 2 });
    const families = await Promise.all(Array.from({ length: 10 }, () => insertFamily(t.db, org.orgId, { locationId: helmond })));
    const coordinators = await Promise.all(families.map(() => signInAs(t.db, org, 'coordinator', { locationIds: [helmond] })));
    const results = await Promise.all(families.map((f, i) => api('POST', '/matches', coordinators[i], { applicationId: f.id, volunteerUserId: v.userId })));
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(409)]);
    for (const r of results.filter((r) => r.statusCode === 409)) expect(r.json().type).toBe('urn:naast:problem:volunteer_full');
    expect(await caseload(v.userId)).toEqual({ active_families: 3, max_families: 3 });
    const [{ n }] = (await t.db.query<{ n: number }>(`select count(*)::int as n from matches where volunteer_user_id = $1`, [v.userId])) as [{ n: number }];
    expect(n).toBe(1);
  });

  it('five coordinators match one family with five volunteers at once: one open match, the others keep their places', async () => {
    const family = await insertFamily(t.db, org.orgId, { locationId: helmond });
    const vs = await Promise.all(Array.from({ length: 5 }, () => volunteer({ maxFamilies: 1 })));
    const results = await Promise.all(vs.map((v) => api('POST', '/matches', coord, { applicationId: family.id, volunteerUserId: v.userId })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
    for (const r of results.filter((r) => r.statusCode === 409)) expect(r.json().type).toBe('urn:naast:problem:match_exists');
    expect(await matchRows(family.id)).toHaveLength(1);
    const loads = await Promise.all(vs.map((v) => caseload(v.userId)));
    expect(loads.map((l) => l.active_families).sort()).toEqual([0, 0, 0, 0, 1]);
  });

  it('takeSlot: a second transaction waiting on the row lock sees the place gone (the UPDATE re-checks its condition)', async () => {
    const v = await volunteer({ maxFamilies: 1 });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let firstTook!: () => void;
    const took = new Promise<void>((r) => (firstTook = r));
    const first = t.db.withTenant(org.orgId, async (tx) => {
      const ok = await takeSlot(tx, org.orgId, v.userId);
      firstTook();
      await gate;
      return ok;
    });
    await took;
    const second = t.db.withTenant(org.orgId, (tx) => takeSlot(tx, org.orgId, v.userId));
    release();
    expect(await first).toBe(true);
    expect(await second).toBe(false);
    expect(await caseload(v.userId)).toEqual({ active_families: 1, max_families: 1 });
  });

  it('the CHECK constraint refuses a caseload above the maximum even when written directly', async () => {
    const v = await volunteer({ maxFamilies: 1, activeFamilies: 1 });
    await expect(t.db.query(`update volunteer_profiles set active_families = 2 where user_id = $1`, [v.userId])).rejects.toThrow(/volunteer_profiles_caseload_check/);
  });
});

describe('the volunteer answers', () => {
  it('sees the pending family (no names), accepts: exactly one trajectory starts and the referrer hears it', async () => {
    const family = await insertFamily(t.db, org.orgId, { locationId: helmond, measures: ['guardianship'], institutions: ['GI Oost'], language: 'ar', referrerEmail: 'jeugdbeschermer@example.org' });
    const v = await volunteer({ maxFamilies: 2, languages: ['nl', 'ar'] });
    const other = await volunteer();
    const m = (await api('POST', '/matches', coord, { applicationId: family.id, volunteerUserId: v.userId })).json();

    const mine = await api('GET', '/me/matches', v);
    expect(mine.statusCode).toBe(200);
    const item = mine.json().items.find((x: { id: string }) => x.id === m.id);
    expect(item).toMatchObject({ status: 'pending', family: { reference: family.reference, municipalityName: 'Helmond', measures: ['guardianship'], institutions: ['GI Oost'], preferredLanguage: 'ar' }, trajectoryId: null });
    expect(mine.body).not.toContain('Conflict met de jeugdbeschermer');
    expect((await api('GET', '/me/matches', other)).json().items).toEqual([]);

    // Somebody else's match is not found; a coordinator cannot answer for the volunteer.
    expect((await api('POST', `/me/matches/${m.id}/accept`, other)).statusCode).toBe(404);
    expect((await api('POST', `/me/matches/${m.id}/decline`, other, { reason: 'Geen tijd' })).statusCode).toBe(404);
    expect((await api('POST', `/me/matches/${m.id}/accept`, coord)).statusCode).toBe(404);

    const res = await api('POST', `/me/matches/${m.id}/accept`, v);
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('accepted');
    const trajectories = await t.db.query<{ id: string; phase: string; lead_volunteer_id: string; location_id: string }>(
      `select id::text, phase, lead_volunteer_id::text, location_id::text from trajectories where application_id = $1`,
      [family.id],
    );
    expect(trajectories).toEqual([{ id: res.json().trajectoryId, phase: 'intake_done', lead_volunteer_id: v.userId, location_id: helmond }]);
    expect(await appStatus(family.id)).toBe('matched');
    expect(await caseload(v.userId)).toMatchObject({ active_families: 1 });
    expect(await t.db.query(`select kind from referrer_notices where application_id = $1`, [family.id])).toEqual([{ kind: 'started' }]);
    const referrerMail = (await readMails(t.config.dataDir)).filter((x) => x.to.includes('jeugdbeschermer@example.org'));
    expect(referrerMail).toHaveLength(1);

    // Accepting again changes nothing.
    expect((await api('POST', `/me/matches/${m.id}/accept`, v)).json().type).toBe('urn:naast:problem:match_not_pending');
    expect(await t.db.query(`select 1 from trajectories where application_id = $1`, [family.id])).toHaveLength(1);
    // After the answer the family's details are no longer listed, only the trajectory.
    const after = (await api('GET', '/me/matches', v)).json().items.find((x: { id: string }) => x.id === m.id);
    expect(after).toMatchObject({ status: 'accepted', trajectoryId: res.json().trajectoryId, family: { measures: [], institutions: [] } });
  });

  it('declines with a reason: the place is free again and the family stays on the list', async () => {
    const family = await insertFamily(t.db, org.orgId, { locationId: helmond });
    const v = await volunteer({ maxFamilies: 1 });
    const m = (await api('POST', '/matches', coord, { applicationId: family.id, volunteerUserId: v.userId })).json();
    expect(await caseload(v.userId)).toMatchObject({ active_families: 1 });
    expect((await api('POST', `/me/matches/${m.id}/decline`, v, {})).statusCode).toBe(400);
    const res = await api('POST', `/me/matches/${m.id}/decline`, v, { reason: 'Ik ken deze familie van school' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('declined');
    expect(await caseload(v.userId)).toMatchObject({ active_families: 0 });
    expect(await appStatus(family.id)).toBe('waiting');
    expect(await t.db.query(`select decline_reason from matches where id = $1`, [m.id])).toEqual([{ decline_reason: 'Ik ken deze familie van school' }]);
    expect(await t.db.query(`select 1 from trajectories where application_id = $1`, [family.id])).toHaveLength(0);
    // Now it can be matched again (with someone else, or the same volunteer).
    expect((await api('POST', '/matches', coord, { applicationId: family.id, volunteerUserId: v.userId })).statusCode).toBe(201);
  });
});

describe('whole-list proposal', () => {
  it('assigns the most urgent families first within capacity and compares with greedy; read-only', async () => {
    const own = await createTestOrg(t.db, 'Stichting Voorstel');
    const loc = own.locationIds.Helmond!;
    const c = await signInAs(t.db, own, 'coordinator', { locationIds: [loc] });
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const urgent = await insertFamily(t.db, own.orgId, { locationId: loc, hearingDate: soon, municipalityCode: 'GM0794' });
    const normal = await insertFamily(t.db, own.orgId, { locationId: loc, municipalityCode: 'GM0794' });
    const elsewhere = await insertFamily(t.db, own.orgId, { locationId: own.locationIds.Tilburg!, municipalityCode: 'GM0855' });
    const v = await signInAs(t.db, own, 'volunteer', { locationIds: [loc] });
    await insertProfile(t.db, own.orgId, v.userId, { maxFamilies: 1 });
    const full = await signInAs(t.db, own, 'volunteer', { locationIds: [loc] });
    await insertProfile(t.db, own.orgId, full.userId, { maxFamilies: 1, activeFamilies: 1 });

    const res = await api('GET', `/matching/proposal?locationId=${loc}`, c);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.locationIds).toEqual([loc]);
    expect(body.proposals).toEqual([expect.objectContaining({ applicationId: urgent.id, reference: urgent.reference, priority: 1, volunteerUserId: v.userId })]);
    expect(body.proposals[0].reasons.length).toBe(6);
    expect(body.unassigned).toEqual([{ applicationId: normal.id, reference: normal.reference, priority: 3 }]);
    expect(body.comparison.optimal).toMatchObject({ families: 2, assigned: 1 });
    expect(body.comparison.optimal.perPriority).toEqual([
      { priority: 1, families: 1, assigned: 1 },
      { priority: 2, families: 0, assigned: 0 },
      { priority: 3, families: 1, assigned: 0 },
    ]);
    expect(body.comparison.greedy).toMatchObject({ families: 2, assigned: 1 });
    expect(JSON.stringify(body)).not.toContain(elsewhere.id);
    // Read-only.
    expect(await t.db.query(`select 1 from matches where org_id = $1`, [own.orgId])).toHaveLength(0);
    // Without a location: the coordinator's own locations.
    expect((await api('GET', '/matching/proposal', c)).json().proposals).toHaveLength(1);
    expect((await api('GET', `/matching/proposal?locationId=${own.locationIds.Tilburg}`, c)).statusCode).toBe(403);
  });
});

describe("a family's match history and the decline notice", () => {
  const NO = 'Ik ken de moeder van de sportclub';

  it('a decline mails the location’s coordinators once: reference and link, no names, no reason; the history shows it to the coordinator', async () => {
    const own = await createTestOrg(t.db, 'Stichting Terugmelding');
    const loc = own.locationIds.Helmond!;
    const stamp = Date.now();
    const c1 = await signInAs(t.db, own, 'coordinator', { locationIds: [loc], email: `coord-a.${stamp}@example.org` });
    const c2 = await signInAs(t.db, own, 'coordinator', { locationIds: [loc], email: `coord-b.${stamp}@example.org` });
    const elsewhere = await signInAs(t.db, own, 'coordinator', { locationIds: [own.locationIds.Tilburg!], email: `coord-t.${stamp}@example.org` });
    const ownAdmin = await signInAs(t.db, own, 'admin', { email: `admin.${stamp}@example.org` });
    const family = await insertFamily(t.db, own.orgId, { locationId: loc });
    const v = await signInAs(t.db, own, 'volunteer', { locationIds: [loc] });
    await insertProfile(t.db, own.orgId, v.userId, { maxFamilies: 2 });
    const names = (await t.db.query<{ display_name: string }>(`select display_name from users where org_id = $1`, [own.orgId])).map((r) => r.display_name);

    const m = (await api('POST', '/matches', c1, { applicationId: family.id, volunteerUserId: v.userId })).json();
    // While pending: the history shows it, the family waits for the answer.
    const pending = (await api('GET', `/applications/${family.id}/match-candidates`, c2)).json();
    expect(pending.application.openMatchId).toBe(m.id);
    expect(pending.matches).toEqual([
      { id: m.id, volunteer: { id: v.userId, name: m.volunteerName }, status: 'pending', score: m.score, confirmedAt: m.confirmedAt, respondedAt: null, declineReason: null, confirmedByName: expect.stringMatching(/^Test coordinator/) },
    ]);

    const before = (await readMails(t.config.dataDir)).length;
    const res = await api('POST', `/me/matches/${m.id}/decline`, v, { reason: NO });
    expect(res.statusCode).toBe(200);
    const mails = (await readMails(t.config.dataDir)).slice(before);
    expect(mails.map((x) => x.to).sort()).toEqual([`coord-a.${stamp}@example.org`, `coord-b.${stamp}@example.org`]);
    for (const mail of mails) {
      expect(mail.subject).toContain(family.reference);
      expect(mail.text).toContain(family.reference);
      expect(mail.text).toContain(`/aanmeldingen/${family.id}/matchen`);
      expect(mail.text).toContain('nee gezegd');
      expect(mail.text).toContain('said no');
      expect(mail.text).not.toContain(NO);
      expect(mail.text).not.toContain('sportclub');
      for (const n of names) expect(`${mail.subject}\n${mail.text}`).not.toContain(n);
      expect(mail.text).not.toContain('Conflict met de jeugdbeschermer');
    }
    expect(mails.some((x) => x.to.includes(elsewhere.userId) || x.to.includes(`coord-t.${stamp}`) || x.to.includes(`admin.${stamp}`))).toBe(false);
    // No personal data in the logs either.
    expect(t.logs.join('\n')).not.toContain(NO);

    // The coordinator sees what happened, with the volunteer's reason; the family can be matched again.
    const after = await api('GET', `/applications/${family.id}/match-candidates`, c1);
    expect(after.statusCode).toBe(200);
    expect(after.json().application.openMatchId).toBeNull();
    const [item] = after.json().matches;
    expect(item).toMatchObject({ id: m.id, status: 'declined', declineReason: NO, volunteer: { id: v.userId } });
    expect(item.respondedAt).toEqual(expect.any(String));
    // An admin sees it too (matching.manage); the history read is audited as a list of matches.
    expect((await api('GET', `/applications/${family.id}/match-candidates`, ownAdmin)).json().matches[0].declineReason).toBe(NO);
    const events = await t.db.query<{ action: string; resource_type: string; resource_id: string }>(
      `select action, resource_type, resource_id::text from audit_events where org_id = $1 and actor_user_id = $2 and resource_type = 'match'`,
      [own.orgId, c1.userId],
    );
    expect(events).toEqual(expect.arrayContaining([{ action: 'list', resource_type: 'match', resource_id: family.id }]));

    // The volunteer (and other roles without matching.manage) cannot read the history: not found.
    for (const s of [v, await signInAs(t.db, own, 'parent'), await signInAs(t.db, own, 'funder')]) {
      const r = await api('GET', `/applications/${family.id}/match-candidates`, s);
      expect(r.statusCode).toBe(404);
      expect(r.body).not.toContain(NO);
    }
  });

  it('a family at a location without a coordinator: the admins hear it', async () => {
    const own = await createTestOrg(t.db, 'Stichting Zonder Coördinator');
    const loc = own.locationIds.Tilburg!;
    const stamp = Date.now();
    const ownAdmin = await signInAs(t.db, own, 'admin', { email: `only-admin.${stamp}@example.org` });
    const family = await insertFamily(t.db, own.orgId, { locationId: loc, municipalityCode: 'GM0855' });
    const v = await signInAs(t.db, own, 'volunteer', { locationIds: [loc] });
    await insertProfile(t.db, own.orgId, v.userId, { homeMunicipalityCode: 'GM0855', travelMunicipalities: ['GM0855'] });
    const m = (await api('POST', '/matches', ownAdmin, { applicationId: family.id, volunteerUserId: v.userId })).json();
    const before = (await readMails(t.config.dataDir)).length;
    expect((await api('POST', `/me/matches/${m.id}/decline`, v, { reason: NO })).statusCode).toBe(200);
    const mails = (await readMails(t.config.dataDir)).slice(before);
    expect(mails.map((x) => x.to)).toEqual([`only-admin.${stamp}@example.org`]);
  });

  it('withdraw from the history: the place comes back, the family can be matched again; another location needs a reason', async () => {
    const family = await insertFamily(t.db, org.orgId, { locationId: helmond });
    const v = await volunteer({ maxFamilies: 1 });
    const m = (await api('POST', '/matches', coord, { applicationId: family.id, volunteerUserId: v.userId })).json();
    const [item] = (await api('GET', `/applications/${family.id}/match-candidates`, coord)).json().matches;
    expect(item).toMatchObject({ id: m.id, status: 'pending' });

    // Another location's coordinator: refused without a reason, nothing changes.
    expect((await api('POST', `/matches/${item.id}/withdraw`, coordTilburg, {})).statusCode).toBe(403);
    expect((await api('POST', `/matches/${item.id}/withdraw`, v, {})).statusCode).toBe(404);
    expect((await api('POST', `/matches/${item.id}/withdraw`, coord, { extra: 1 })).statusCode).toBe(400);
    expect(await caseload(v.userId)).toMatchObject({ active_families: 1 });

    const res = await api('POST', `/matches/${item.id}/withdraw`, coord, {});
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('withdrawn');
    expect(await caseload(v.userId)).toMatchObject({ active_families: 0 });
    expect((await api('POST', `/matches/${item.id}/withdraw`, coord)).json().type).toBe('urn:naast:problem:match_not_pending');
    const after = (await api('GET', `/applications/${family.id}/match-candidates`, coord)).json();
    expect(after.application.openMatchId).toBeNull();
    expect(after.matches).toEqual([expect.objectContaining({ id: m.id, status: 'withdrawn', declineReason: null })]);
    // The volunteer no longer has it to answer.
    expect((await api('POST', `/me/matches/${m.id}/decline`, v, { reason: NO })).json().type).toBe('urn:naast:problem:match_not_pending');

    // Matched again; a colleague of another location withdraws it with a reason (break-the-glass, audited).
    const again = (await api('POST', '/matches', coord, { applicationId: family.id, volunteerUserId: v.userId })).json();
    const glass = await api('POST', `/matches/${again.id}/withdraw`, coordTilburg, { reason: 'Collega in Helmond is ziek' });
    expect(glass.statusCode).toBe(200);
    const audited = await t.db.query<{ reason: string }>(`select reason from audit_events where actor_user_id = $1 and resource_type = 'match' and resource_id = $2`, [coordTilburg.userId, again.id]);
    expect(audited).toEqual([{ reason: 'Collega in Helmond is ziek' }]);
    const history = (await api('GET', `/applications/${family.id}/match-candidates`, coord)).json().matches;
    expect(history.map((h: { status: string }) => h.status)).toEqual(['withdrawn', 'withdrawn']);
  });

  it('a mail outage does not undo the decline', async () => {
    const down = await createTestApp({ SMTP_URL: 'smtp://127.0.0.1:9' });
    try {
      const own = await createTestOrg(down.db, 'Stichting Geen Post');
      const loc = own.locationIds.Helmond!;
      await signInAs(down.db, own, 'coordinator', { locationIds: [loc] });
      const c = await signInAs(down.db, own, 'coordinator', { locationIds: [loc] });
      const family = await insertFamily(down.db, own.orgId, { locationId: loc });
      const v = await signInAs(down.db, own, 'volunteer', { locationIds: [loc] });
      await insertProfile(down.db, own.orgId, v.userId, {});
      const call = (method: string, url: string, s: SignedIn, payload?: unknown) =>
        down.app.inject({ method: method as never, url: `/api/v1${url}`, headers: s.headers, payload: payload as never });
      const m = (await call('POST', '/matches', c, { applicationId: family.id, volunteerUserId: v.userId })).json();
      const res = await call('POST', `/me/matches/${m.id}/decline`, v, { reason: NO });
      expect(res.statusCode).toBe(200);
      expect(await down.db.query(`select status, decline_reason from matches where id = $1`, [m.id])).toEqual([{ status: 'declined', decline_reason: NO }]);
      const logs = down.logs.join('\n');
      expect(logs).toContain('decline notice not (fully) mailed');
      expect(logs).not.toContain(NO);
      expect(logs).not.toContain(family.reference);
      expect(logs).not.toMatch(/@example\.org/);
    } finally {
      await down.close();
    }
  });
});
