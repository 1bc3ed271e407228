import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestOrg, signInAs, type SignedIn, type TestApp, type TestOrg } from '../../../test/helpers/app.js';
import { insertProfile } from '../../../test/helpers/matching.js';
import { insertTrajectory } from '../../../test/helpers/trajectories.js';
import { readMails } from '../../../test/helpers/users-mail.js';
import { uuidv7 } from '../../platform/db/ids.js';
import { createMailer } from '../../platform/mail/index.js';
import { addDays, amsterdamDate } from '../../platform/time/working-days.js';
import { addMonths } from './lifecycle.js';
import { endExpiredAftercare } from './service.js';

let t: TestApp;
let org: TestOrg;
let otherOrg: TestOrg;
let admin: SignedIn;
let coord: SignedIn;
let coordTilburg: SignedIn;
let vol: SignedIn;
let vol2: SignedIn;
let parent: SignedIn;
let helmond: string;
let tilburg: string;

const api = (method: string, url: string, s: SignedIn | undefined, payload?: unknown) =>
  t.app.inject({ method: method as never, url: `/api/v1${url}`, headers: { ...(s?.headers ?? {}) }, payload: payload as never });

const today = () => amsterdamDate(new Date());

/** A trajectory in Helmond led by `vol`, with a parent "Sanne Visser" and a referrer who may be told. */
async function trajectory(f: Partial<Parameters<typeof insertTrajectory>[2]> = {}) {
  const tr = await insertTrajectory(t.db, org.orgId, { locationId: helmond, leadVolunteerId: vol.userId, coachUserId: coord.userId, parentUserId: parent.userId, ...f });
  await t.db.query(`insert into application_people (org_id, application_id, id, position, relation, first_name, last_name) values ($1, $2, $3, 0, 'parent', 'Sanne', 'Visser')`, [
    org.orgId,
    tr.applicationId,
    uuidv7(),
  ]);
  return tr;
}

const auditOf = (resourceId: string) =>
  t.db.query<{ action: string; actor_user_id: string | null; actor_role: string; subject_id: string | null; reason: string | null }>(
    `select action, actor_user_id::text, actor_role, subject_id::text, reason from audit_events where org_id = $1 and resource_id = $2 order by occurred_at, id`,
    [org.orgId, resourceId],
  );
const rowOf = async (id: string) =>
  (
    await t.db.query<{ phase: string; outcome: string | null; outcome_note: string | null; closed_at: Date | null; ended_at: Date | null; aftercare_until: string | null }>(
      `select phase, outcome, outcome_note, closed_at, ended_at, aftercare_until::text from trajectories where id = $1`,
      [id],
    )
  )[0]!;
const events = (id: string) => t.db.query<{ from_phase: string | null; to_phase: string; reason: string; actor_user_id: string | null }>(
  `select from_phase, to_phase, reason, actor_user_id::text from trajectory_phase_events where trajectory_id = $1 order by at, id`,
  [id],
);

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t.db, 'Stichting Traject');
  otherOrg = await createTestOrg(t.db, 'Stichting Anders');
  helmond = org.locationIds.Helmond!;
  tilburg = org.locationIds.Tilburg!;
  admin = await signInAs(t.db, org, 'admin');
  coord = await signInAs(t.db, org, 'coordinator', { locationIds: [helmond] });
  coordTilburg = await signInAs(t.db, org, 'coordinator', { locationIds: [tilburg] });
  vol = await signInAs(t.db, org, 'volunteer', { locationIds: [helmond] });
  vol2 = await signInAs(t.db, org, 'volunteer', { locationIds: [tilburg] });
  parent = await signInAs(t.db, org, 'parent');
});
afterAll(async () => t?.close());

describe('lists', () => {
  let own: { id: string };
  let tilburgOne: { id: string };
  let ended: { id: string };
  beforeAll(async () => {
    own = await trajectory({ phase: 'support' });
    tilburgOne = await trajectory({ locationId: tilburg, leadVolunteerId: vol2.userId, coachUserId: coordTilburg.userId });
    ended = await trajectory({ phase: 'ended' });
  });

  it('a volunteer sees only the families they lead', async () => {
    const res = await api('GET', '/trajectories?phase=all', vol);
    expect(res.statusCode).toBe(200);
    const ids = res.json().items.map((i: { id: string }) => i.id);
    expect(ids).toContain(own.id);
    expect(ids).toContain(ended.id);
    expect(ids).not.toContain(tilburgOne.id);
    const mine = await api('GET', '/me/trajectories', vol);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items.map((i: { id: string }) => i.id)).toContain(own.id);
    expect(mine.json().items.map((i: { id: string }) => i.id)).not.toContain(ended.id);
    const other = await api('GET', '/me/trajectories', vol2);
    expect(other.json().items.map((i: { id: string }) => i.id)).toEqual([tilburgOne.id]);
  });

  it('a row: short family name, names, hours, signals; no help questions', async () => {
    const res = await api('GET', '/trajectories', vol);
    const row = res.json().items.find((i: { id: string }) => i.id === own.id);
    expect(row).toMatchObject({
      familyName: 'Sanne V.',
      phase: 'support',
      leadVolunteer: { id: vol.userId },
      coach: { id: coord.userId },
      volunteerHours: 0,
      weeklyHours: 0,
      openAgreements: 0,
      nextMeetingAt: null,
      locationId: helmond,
    });
    expect(row.reference).toMatch(/^T-/);
    expect(row.leadVolunteer.name).toMatch(/^Test volunteer/);
    expect(res.json().items.map((i: { phase: string }) => i.phase)).not.toContain('ended');
  });

  it("a coordinator sees their locations, not another location's; another location by id is not found", async () => {
    const res = await api('GET', '/trajectories', coord);
    const ids = res.json().items.map((i: { id: string }) => i.id);
    expect(ids).toContain(own.id);
    expect(ids).not.toContain(tilburgOne.id);
    expect((await api('GET', `/trajectories?locationId=${helmond}`, coord)).statusCode).toBe(200);
    expect((await api('GET', `/trajectories?locationId=${tilburg}`, coord)).statusCode).toBe(404);
    expect((await api('GET', `/trajectories?locationId=${otherOrg.locationIds.Helmond}`, admin)).statusCode).toBe(404);
  });

  it('an admin sees all, by phase, paged without gaps or repeats; the list is audited', async () => {
    const all = await api('GET', '/trajectories?phase=all&limit=200', admin);
    const ids = all.json().items.map((i: { id: string }) => i.id);
    expect(ids).toEqual(expect.arrayContaining([own.id, tilburgOne.id, ended.id]));
    const endedOnly = await api('GET', '/trajectories?phase=ended', admin);
    expect(endedOnly.json().items.every((i: { phase: string }) => i.phase === 'ended')).toBe(true);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await api('GET', `/trajectories?phase=all&limit=1${cursor ? `&cursor=${cursor}` : ''}`, admin);
      expect(page.statusCode).toBe(200);
      paged.push(...page.json().items.map((i: { id: string }) => i.id));
      cursor = page.json().nextCursor;
    } while (cursor);
    expect(paged).toEqual(ids);
    const listed = await t.db.query(`select 1 from audit_events where org_id = $1 and actor_user_id = $2 and action = 'list' and resource_type = 'trajectory'`, [org.orgId, admin.userId]);
    expect(listed.length).toBeGreaterThan(0);
    expect((await api('GET', '/trajectories?cursor=bogus', admin)).statusCode).toBe(400);
  });

  it('parents and funders have no trajectory list', async () => {
    expect((await api('GET', '/trajectories', parent)).statusCode).toBe(404);
  });
});

describe('the dossier', () => {
  it('reads with names, children, allowed phases for this actor; audited with the parent as subject', async () => {
    const tr = await trajectory({ phase: 'closing' });
    const res = await api('GET', `/trajectories/${tr.id}`, vol);
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.trajectory).toMatchObject({ id: tr.id, familyName: 'Sanne V.', phase: 'closing', allowedPhases: ['support'], applicationId: tr.applicationId });
    expect(d.trajectory.children).toEqual([{ firstName: 'Kind', birthYear: 2015, measure: 'ots' }]);
    expect(d.contacts).toEqual({ items: [], nextCursor: null });
    expect((await api('GET', `/trajectories/${tr.id}`, coord)).json().trajectory.allowedPhases).toEqual(['aftercare', 'ended', 'support']);
    const audit = await auditOf(tr.id);
    expect(audit[0]).toMatchObject({ action: 'read', actor_user_id: vol.userId, subject_id: parent.userId, reason: null });
  });

  it("another volunteer's family is not found; another location needs a reason (break-the-glass)", async () => {
    const tr = await trajectory();
    expect((await api('GET', `/trajectories/${tr.id}`, vol2)).statusCode).toBe(404);
    const refused = await api('GET', `/trajectories/${tr.id}`, coordTilburg);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().type).toBe('urn:naast:problem:reason_required');
    const reason = 'Vervanging collega tijdens vakantie';
    const ok = await api('GET', `/trajectories/${tr.id}?reason=${encodeURIComponent(reason)}`, coordTilburg);
    expect(ok.statusCode).toBe(200);
    expect((await auditOf(tr.id)).find((a) => a.actor_user_id === coordTilburg.userId)).toMatchObject({ action: 'read', reason, subject_id: parent.userId });
    const foreign = await insertTrajectory(t.db, otherOrg.orgId, { locationId: otherOrg.locationIds.Helmond!, leadVolunteerId: (await signInAs(t.db, otherOrg, 'volunteer')).userId });
    expect((await api('GET', `/trajectories/${foreign.id}`, admin)).statusCode).toBe(404);
  });
});

describe('phase changes', () => {
  it('valid steps are recorded with who and why; invalid ones are refused with the reason (nl and en)', async () => {
    const tr = await trajectory();
    const step = await api('POST', `/trajectories/${tr.id}/phase`, vol, { to: 'clarifying', reason: 'Intake afgerond' });
    expect(step.statusCode).toBe(200);
    expect(step.json().trajectory.phase).toBe('clarifying');
    expect(step.json().phaseEvents).toMatchObject([{ from: 'intake_done', to: 'clarifying', reason: 'Intake afgerond', actorName: expect.stringMatching(/^Test volunteer/) }]);
    const bad = await api('POST', `/trajectories/${tr.id}/phase`, vol, { to: 'building_down', reason: 'Te snel' });
    expect(bad.statusCode).toBe(409);
    expect(bad.json().type).toBe('urn:naast:problem:invalid_phase_transition');
    expect(bad.json().detail).toContain('"hulpvragen helder maken" naar "afbouwen"');
    expect(bad.json().detail).toContain('ondersteuning, afsluiten');
    const en = await t.app.inject({ method: 'POST', url: `/api/v1/trajectories/${tr.id}/phase`, headers: { ...vol.headers, 'accept-language': 'en' }, payload: { to: 'ended', reason: 'x' } });
    expect(en.statusCode).toBe(409);
    expect(en.json().detail).toContain('from "clarifying help questions" to "ended"');
    expect((await rowOf(tr.id)).phase).toBe('clarifying');
    expect((await events(tr.id)).length).toBe(1);
    expect((await auditOf(tr.id)).filter((a) => a.action === 'update')).toHaveLength(1);
  });

  it('a volunteer cannot close; the outcome is required when leaving closing; aftercare runs 12 months', async () => {
    const tr = await trajectory({ phase: 'closing', referrerEmail: 'gi@example.org' });
    expect((await api('POST', `/trajectories/${tr.id}/phase`, vol, { to: 'aftercare', reason: 'Klaar', outcome: 'resolved' })).statusCode).toBe(404);
    const noOutcome = await api('POST', `/trajectories/${tr.id}/phase`, coord, { to: 'aftercare', reason: 'Conflict opgelost' });
    expect(noOutcome.statusCode).toBe(400);
    expect(noOutcome.json().errors).toEqual([{ field: 'body.outcome', code: 'required', message: 'Kies hoe het traject is afgelopen.' }]);
    expect((await rowOf(tr.id)).phase).toBe('closing');
    const ok = await api('POST', `/trajectories/${tr.id}/phase`, coord, { to: 'aftercare', reason: 'Conflict opgelost', outcome: 'resolved' });
    expect(ok.statusCode).toBe(200);
    const row = await rowOf(tr.id);
    expect(row).toMatchObject({ phase: 'aftercare', outcome: 'resolved', outcome_note: 'Conflict opgelost', ended_at: null, aftercare_until: addMonths(today(), 12) });
    expect(row.closed_at).not.toBeNull();
    expect(ok.json().trajectory).toMatchObject({ outcome: 'resolved', aftercareUntil: addMonths(today(), 12), allowedPhases: ['ended'] });
    // aftercare is not the end: no 'ended' notice yet
    expect(await t.db.query(`select kind from referrer_notices where application_id = $1`, [tr.applicationId])).toEqual([]);
  });

  it('support over (aftercare or ended) gives the volunteer their place back for matching, once', async () => {
    const v = await signInAs(t.db, org, 'volunteer', { locationIds: [helmond] });
    await insertProfile(t.db, org.orgId, v.userId, { maxFamilies: 3, activeFamilies: 2 });
    const active = async () => (await t.db.query<{ n: number }>(`select active_families as n from volunteer_profiles where org_id = $1 and user_id = $2`, [org.orgId, v.userId]))[0]!.n;
    const toAftercare = await trajectory({ phase: 'closing', leadVolunteerId: v.userId });
    const toEnded = await trajectory({ phase: 'closing', leadVolunteerId: v.userId });
    // Going back to support keeps the place taken.
    expect((await api('POST', `/trajectories/${toAftercare.id}/phase`, coord, { to: 'support', reason: 'Toch nog nodig' })).statusCode).toBe(200);
    expect(await active()).toBe(2);
    expect((await api('POST', `/trajectories/${toAftercare.id}/phase`, coord, { to: 'building_down', reason: 'Afbouwen' })).statusCode).toBe(200);
    expect((await api('POST', `/trajectories/${toAftercare.id}/phase`, coord, { to: 'closing', reason: 'Afsluiten' })).statusCode).toBe(200);
    expect((await api('POST', `/trajectories/${toAftercare.id}/phase`, coord, { to: 'aftercare', reason: 'Opgelost', outcome: 'resolved' })).statusCode).toBe(200);
    expect(await active()).toBe(1);
    // aftercare → ended does not give it back twice
    expect((await api('POST', `/trajectories/${toAftercare.id}/phase`, coord, { to: 'ended', reason: 'Nazorg klaar' })).statusCode).toBe(200);
    expect(await active()).toBe(1);
    expect((await api('POST', `/trajectories/${toEnded.id}/phase`, coord, { to: 'ended', reason: 'Ouder stopt', outcome: 'parent_stopped' })).statusCode).toBe(200);
    expect(await active()).toBe(0);
  });

  it('ending tells the referrer once, without content; an ended trajectory is read-only', async () => {
    const tr = await trajectory({ phase: 'closing', referrerEmail: 'jb-einde@example.org' });
    const res = await api('POST', `/trajectories/${tr.id}/phase`, admin, { to: 'ended', reason: 'Ouder stopt', outcome: 'parent_stopped' });
    expect(res.statusCode).toBe(200);
    const row = await rowOf(tr.id);
    expect(row).toMatchObject({ phase: 'ended', outcome: 'parent_stopped' });
    expect(row.ended_at).not.toBeNull();
    expect(row.closed_at).not.toBeNull();
    expect(await t.db.query(`select kind from referrer_notices where application_id = $1`, [tr.applicationId])).toEqual([{ kind: 'ended' }]);
    const mails = (await readMails(t.config.dataDir)).filter((m) => m.to.includes('jb-einde@example.org'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).not.toContain('Sanne');
    const again = await api('POST', `/trajectories/${tr.id}/phase`, admin, { to: 'support', reason: 'Toch verder' });
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toBe('urn:naast:problem:trajectory_ended');
    expect((await readMails(t.config.dataDir)).filter((m) => m.to.includes('jb-einde@example.org'))).toHaveLength(1);
    expect((await api('GET', `/trajectories/${tr.id}`, vol)).json().trajectory.allowedPhases).toEqual([]);
  });

  it('bad bodies are refused before anything changes', async () => {
    const tr = await trajectory();
    expect((await api('POST', `/trajectories/${tr.id}/phase`, vol, { to: 'flying', reason: 'x' })).statusCode).toBe(400);
    expect((await api('POST', `/trajectories/${tr.id}/phase`, vol, { to: 'clarifying' })).statusCode).toBe(400);
    expect((await api('POST', `/trajectories/${tr.id}/phase`, vol, { to: 'clarifying', reason: 'x', extra: 1 })).statusCode).toBe(400);
    expect((await rowOf(tr.id)).phase).toBe('intake_done');
  });
});

describe('the coach', () => {
  it('must be a coordinator or admin of the organisation; volunteers may not change it', async () => {
    const tr = await trajectory();
    expect((await api('PUT', `/trajectories/${tr.id}/coach`, vol, { coachUserId: coordTilburg.userId })).statusCode).toBe(404);
    const bad = await api('PUT', `/trajectories/${tr.id}/coach`, coord, { coachUserId: vol2.userId });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('body.coachUserId');
    expect((await api('PUT', `/trajectories/${tr.id}/coach`, coord, { coachUserId: uuidv7() })).statusCode).toBe(400);
    const ok = await api('PUT', `/trajectories/${tr.id}/coach`, coord, { coachUserId: coordTilburg.userId });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().trajectory.coach.id).toBe(coordTilburg.userId);
    expect((await auditOf(tr.id)).filter((a) => a.action === 'update')).toHaveLength(1);
  });
});

describe("the organisation's trajectory norms", () => {
  it('aftercare runs the configured months; the over-norm signal follows the configured norm', async () => {
    const custom = await createTestOrg(t.db, 'Stichting Korte Nazorg');
    const loc = custom.locationIds.Helmond!;
    const a = await signInAs(t.db, custom, 'admin');
    const c = await signInAs(t.db, custom, 'coordinator', { locationIds: [loc] });
    const v = await signInAs(t.db, custom, 'volunteer', { locationIds: [loc] });
    expect((await api('PATCH', '/organisation', a, { aftercareMonths: 6, trajectoryNormMonths: 3 })).statusCode).toBe(200);

    const closing = await insertTrajectory(t.db, custom.orgId, { locationId: loc, leadVolunteerId: v.userId, coachUserId: c.userId, phase: 'closing' });
    const ok = await api('POST', `/trajectories/${closing.id}/phase`, c, { to: 'aftercare', reason: 'Conflict opgelost', outcome: 'resolved' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().trajectory.aftercareUntil).toBe(addMonths(today(), 6));
    expect((await rowOf(closing.id)).aftercare_until).toBe(addMonths(today(), 6));

    // four months old: over a 3-month norm here, within the default 8 months elsewhere
    const startedAt = new Date(Date.now() - 122 * 86_400_000);
    const old = await insertTrajectory(t.db, custom.orgId, { locationId: loc, leadVolunteerId: v.userId, coachUserId: c.userId, phase: 'support', startedAt });
    expect((await api('GET', `/trajectories/${old.id}`, c)).json().trajectory.signals).toContain('over_norm');
    const listed = (await api('GET', '/trajectories', c)).json().items.find((i: { id: string }) => i.id === old.id);
    expect(listed.signals).toContain('over_norm');
    expect((await api('GET', '/me/trajectories', v)).json().items.find((i: { id: string }) => i.id === old.id).signals).toContain('over_norm');

    const sameAge = await trajectory({ phase: 'support', startedAt });
    expect((await api('GET', `/trajectories/${sameAge.id}`, coord)).json().trajectory.signals).not.toContain('over_norm');
    // the default organisation still gets 12 months of aftercare (see 'phase changes'); this one's setting stays its own
    expect((await api('GET', '/organisation', admin)).json()).toMatchObject({ trajectoryNormMonths: 8, aftercareMonths: 12 });
  });
});

describe('the aftercare job', () => {
  it('ends aftercare whose period is over, once, by the system, and tells the referrer', async () => {
    const over = await trajectory({ phase: 'aftercare', aftercareUntil: addDays(today(), -1), referrerEmail: 'nazorg@example.org' });
    const running = await trajectory({ phase: 'aftercare', aftercareUntil: today() });
    const mailer = createMailer(t.config);
    const first = await endExpiredAftercare(t.db, mailer, new Date());
    expect(first.ended).toBeGreaterThanOrEqual(1);
    expect((await rowOf(over.id)).phase).toBe('ended');
    expect((await rowOf(running.id)).phase).toBe('aftercare');
    expect(await events(over.id)).toMatchObject([{ from_phase: 'aftercare', to_phase: 'ended', actor_user_id: null }]);
    expect((await auditOf(over.id)).find((a) => a.action === 'update')).toMatchObject({ actor_role: 'system', actor_user_id: null });
    expect(await t.db.query(`select kind from referrer_notices where application_id = $1`, [over.applicationId])).toEqual([{ kind: 'ended' }]);
    expect(await endExpiredAftercare(t.db, mailer, new Date())).toEqual({ ended: 0 });
    expect((await readMails(t.config.dataDir)).filter((m) => m.to.includes('nazorg@example.org'))).toHaveLength(1);
    expect(await events(over.id)).toHaveLength(1);
  });
});
