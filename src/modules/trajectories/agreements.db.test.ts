import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestOrg, signInAs, type SignedIn, type TestApp, type TestOrg } from '../../../test/helpers/app.js';
import { insertTrajectory } from '../../../test/helpers/trajectories.js';
import { addDays, amsterdamDate } from '../../platform/time/working-days.js';
import { agreementCounts, listAgreements, listUpcomingMeetings, nextMeetings } from './agreements.js';

let t: TestApp;
let org: TestOrg;
let helmond: string;
let coord: SignedIn;
let coordTilburg: SignedIn;
let lead: SignedIn;
let otherLead: SignedIn;
let parent: SignedIn;
let trajA: string;
let trajB: string;

const api = (method: string, url: string, s: SignedIn, payload?: unknown) =>
  t.app.inject({ method: method as never, url: `/api/v1${url}`, headers: { ...s.headers }, payload: payload as never });
const events = (resourceType: string, resourceId: string) =>
  t.db.query<{ action: string; actor_user_id: string; subject_id: string | null; reason: string | null }>(
    `select action, actor_user_id::text, subject_id::text, reason from audit_events where org_id = $1 and resource_type = $2 and resource_id = $3 order by occurred_at, seq`,
    [org.orgId, resourceType, resourceId],
  );
const count = async (table: string, trajectoryId: string) =>
  (await t.db.query<{ n: number }>(`select count(*)::int as n from ${table} where trajectory_id = $1`, [trajectoryId]))[0]!.n;
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
const today = () => amsterdamDate(new Date());
const meeting = async (trajectoryId: string, s: SignedIn, body: Record<string, unknown>) => {
  const res = await api('POST', `/trajectories/${trajectoryId}/meetings`, s, { title: 'Gesprek', scheduledAt: inDays(3), ...body });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; title: string };
};
const agreement = async (trajectoryId: string, s: SignedIn, body: Record<string, unknown>) => {
  const res = await api('POST', `/trajectories/${trajectoryId}/agreements`, s, { party: 'professional', partyName: 'Jeugdbeschermer', description: 'Belt de school', ...body });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; overdue: boolean; meetingTitle: string | null };
};
const big = 'b'.repeat(100 * 1024);

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t.db, 'Stichting Afspraak');
  helmond = org.locationIds.Helmond!;
  coord = await signInAs(t.db, org, 'coordinator', { locationIds: [helmond] });
  coordTilburg = await signInAs(t.db, org, 'coordinator', { locationIds: [org.locationIds.Tilburg!] });
  lead = await signInAs(t.db, org, 'volunteer', { locationIds: [helmond] });
  otherLead = await signInAs(t.db, org, 'volunteer', { locationIds: [helmond] });
  parent = await signInAs(t.db, org, 'parent');
  trajA = (await insertTrajectory(t.db, org.orgId, { locationId: helmond, leadVolunteerId: lead.userId, coachUserId: coord.userId, phase: 'support', parentUserId: parent.userId })).id;
  trajB = (await insertTrajectory(t.db, org.orgId, { locationId: helmond, leadVolunteerId: otherLead.userId, phase: 'support' })).id;
});
afterAll(async () => t?.close());

describe('meetings with professionals', () => {
  it('prepares, holds and evaluates a meeting; the list shows upcoming soonest first, then past newest first', async () => {
    const created = await api('POST', `/trajectories/${trajA}/meetings`, lead, {
      title: 'Gesprek met de jeugdbeschermer',
      withWhom: 'Jeugdbeschermer van de GI',
      scheduledAt: inDays(5),
      place: 'Kantoor GI',
      prepGoal: 'Meer omgang met Noah',
    });
    expect(created.statusCode).toBe(201);
    const m = created.json();
    expect(m).toMatchObject({ status: 'planned', prepGoal: 'Meer omgang met Noah', prepQuestions: null, evaluation: null });
    await meeting(trajA, lead, { title: 'Lang geleden', scheduledAt: inDays(-10), status: 'held' });
    await meeting(trajA, lead, { title: 'Vorige week', scheduledAt: inDays(-2), status: 'held' });
    await meeting(trajA, lead, { title: 'Morgen', scheduledAt: inDays(1) });

    const list = await api('GET', `/trajectories/${trajA}/meetings`, coord);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((x: { title: string }) => x.title)).toEqual(['Morgen', 'Gesprek met de jeugdbeschermer', 'Vorige week', 'Lang geleden']);

    const prep = await api('PATCH', `/trajectories/${trajA}/meetings/${m.id}`, lead, {
      prepResponses: 'Als zij zegt dat het niet kan: vraag waarom en wat er nodig is.',
      prepQuestions: 'Wanneer is de evaluatie van de OTS?',
    });
    expect(prep.statusCode).toBe(200);
    expect(prep.json()).toMatchObject({ prepGoal: 'Meer omgang met Noah', prepQuestions: 'Wanneer is de evaluatie van de OTS?', status: 'planned' });
    const held = await api('PATCH', `/trajectories/${trajA}/meetings/${m.id}`, lead, { status: 'held', evaluation: 'Goed gegaan; ouder voelde zich gehoord.', place: null });
    expect(held.json()).toMatchObject({ status: 'held', evaluation: 'Goed gegaan; ouder voelde zich gehoord.', place: null, title: 'Gesprek met de jeugdbeschermer' });

    const a = await agreement(trajA, lead, { meetingId: m.id, description: 'Stuurt het verslag', dueOn: addDays(today(), 7) });
    const detail = await api('GET', `/trajectories/${trajA}/meetings/${m.id}`, lead);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ id: m.id, status: 'held', agreements: [expect.objectContaining({ id: a.id, meetingTitle: 'Gesprek met de jeugdbeschermer' })] });

    const e = await events('meeting', m.id);
    expect(e.map((x) => x.action)).toEqual(['create', 'update', 'update', 'read']);
    expect(e.every((x) => x.subject_id === parent.userId)).toBe(true);
    expect((await events('meeting', trajA)).map((x) => [x.action, x.actor_user_id])).toEqual([['list', coord.userId]]);
  });

  it('refuses 100 KB of preparation, an unknown status and a bad time; nothing saved', async () => {
    const m = await meeting(trajA, lead, { title: 'Zitting' });
    for (const body of [{ prepGoal: big }, { evaluation: big }, { status: 'done' }, { scheduledAt: 'morgen' }, { title: '' }]) {
      const res = await api('PATCH', `/trajectories/${trajA}/meetings/${m.id}`, lead, body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 40)).toBe(400);
    }
    const before = await count('meetings', trajA);
    expect((await api('POST', `/trajectories/${trajA}/meetings`, lead, { title: 'x', scheduledAt: inDays(1), prepQuestions: big })).statusCode).toBe(400);
    expect(await count('meetings', trajA)).toBe(before);
    const [row] = await t.db.query<{ title: string; status: string; prep_goal: string | null }>(`select title, status, prep_goal from meetings where id = $1`, [m.id]);
    expect(row).toEqual({ title: 'Zitting', status: 'planned', prep_goal: null });
  });
});

describe('agreements', () => {
  it('flags overdue ones, lists open ones overdue first, records status changes and keeps the note', async () => {
    const traj = (await insertTrajectory(t.db, org.orgId, { locationId: helmond, leadVolunteerId: lead.userId, phase: 'support' })).id;
    const m = await meeting(traj, lead, { title: 'Overleg met de school' });
    const later = await agreement(traj, lead, { description: 'Later', dueOn: addDays(today(), 10) });
    const none = await agreement(traj, lead, { description: 'Zonder datum', party: 'parent', partyName: 'Moeder' });
    const late = await agreement(traj, lead, { description: 'Te laat', dueOn: addDays(today(), -3), meetingId: m.id });
    const dueToday = await agreement(traj, lead, { description: 'Vandaag', dueOn: today() });
    expect(late).toMatchObject({ overdue: true, meetingTitle: 'Overleg met de school' });
    expect(dueToday.overdue).toBe(false);
    expect(none).toMatchObject({ overdue: false, meetingTitle: null });

    const open = await api('GET', `/trajectories/${traj}/agreements`, lead);
    expect(open.statusCode).toBe(200);
    expect(open.json().items.map((a: { description: string }) => a.description)).toEqual(['Te laat', 'Vandaag', 'Later', 'Zonder datum']);

    const done = await api('PATCH', `/trajectories/${traj}/agreements/${late.id}`, lead, { status: 'done', statusNote: 'Gebeld op vrijdag' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', statusNote: 'Gebeld op vrijdag', overdue: false });
    const changedAt = done.json().statusChangedAt as string;
    expect(changedAt).toEqual(expect.any(String));
    // Another field changes: the status note and the moment of the status change stay.
    const edited = await api('PATCH', `/trajectories/${traj}/agreements/${late.id}`, lead, { description: 'Te laat, maar gedaan' });
    expect(edited.json()).toMatchObject({ statusNote: 'Gebeld op vrijdag', statusChangedAt: changedAt, status: 'done' });
    const notKept = await api('PATCH', `/trajectories/${traj}/agreements/${later.id}`, lead, { status: 'not_kept' });
    expect(notKept.json()).toMatchObject({ status: 'not_kept', statusNote: null });
    expect(notKept.json().statusChangedAt).not.toBeNull();

    const openNow = await api('GET', `/trajectories/${traj}/agreements?status=open`, lead);
    expect(openNow.json().items.map((a: { id: string }) => a.id)).toEqual([dueToday.id, none.id]);
    const all = await api('GET', `/trajectories/${traj}/agreements?status=all`, coord);
    // Open ones first; the closed ones after, the latest status change first.
    expect(all.json().items.map((a: { id: string }) => a.id)).toEqual([dueToday.id, none.id, later.id, late.id]);
    expect((await api('GET', `/trajectories/${traj}/agreements?status=closed`, lead)).statusCode).toBe(400);

    // One click before the next meeting: the open agreements to bring along.
    const next = await meeting(traj, lead, { title: 'Volgende keer', scheduledAt: inDays(14) });
    const overdueAgain = await agreement(traj, lead, { description: 'Ook te laat', dueOn: addDays(today(), -1) });
    const bring = await api('GET', `/trajectories/${traj}/meetings/${next.id}/open-agreements`, lead);
    expect(bring.statusCode).toBe(200);
    expect(bring.json().items.map((a: { id: string }) => a.id)).toEqual([overdueAgain.id, dueToday.id, none.id]);

    expect((await events('agreement', late.id)).map((e) => e.action)).toEqual(['create', 'update', 'update']);
    expect((await events('agreement', traj)).map((e) => e.action)).toEqual(['list', 'list', 'list', 'list']);
  });

  it('a meeting of another trajectory is a field error; 100 KB of text is refused; nothing half-saved', async () => {
    const mB = await meeting(trajB, otherLead, { title: 'Gesprek van B' });
    const before = await count('agreements', trajA);
    const res = await api('POST', `/trajectories/${trajA}/agreements`, lead, { party: 'parent', partyName: 'Vader', description: 'x', meetingId: mB.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'body.meetingId', code: 'unknown_meeting' })]);
    expect(res.json().errors[0].message).toMatch(/gesprek/i);
    const huge = await api('POST', `/trajectories/${trajA}/agreements`, lead, { party: 'parent', partyName: 'Vader', description: big });
    expect(huge.statusCode).toBe(400);
    expect(huge.json().errors[0].field).toBe('body.description');
    expect(await count('agreements', trajA)).toBe(before);

    const a = await agreement(trajA, lead, { description: 'Blijft zo' });
    const patch = await api('PATCH', `/trajectories/${trajA}/agreements/${a.id}`, lead, { status: 'done', meetingId: mB.id });
    expect(patch.statusCode).toBe(400);
    expect((await api('PATCH', `/trajectories/${trajA}/agreements/${a.id}`, lead, { statusNote: big })).statusCode).toBe(400);
    const [row] = await t.db.query<{ status: string; meeting_id: string | null; status_changed_at: Date | null }>(
      `select status, meeting_id::text, status_changed_at from agreements where id = $1`,
      [a.id],
    );
    expect(row).toEqual({ status: 'open', meeting_id: null, status_changed_at: null });
    expect((await events('agreement', a.id)).map((e) => e.action)).toEqual(['create']);
  });
});

describe('who may see and change meetings and agreements', () => {
  it("another family's meeting or agreement used under this trajectory is not found", async () => {
    const mB = await meeting(trajB, otherLead, { title: 'Alleen B' });
    const aB = await agreement(trajB, otherLead, { description: 'Alleen B' });
    expect((await api('GET', `/trajectories/${trajA}/meetings/${mB.id}`, lead)).statusCode).toBe(404);
    expect((await api('PATCH', `/trajectories/${trajA}/meetings/${mB.id}`, lead, { status: 'cancelled' })).statusCode).toBe(404);
    expect((await api('GET', `/trajectories/${trajA}/meetings/${mB.id}/open-agreements`, lead)).statusCode).toBe(404);
    expect((await api('PATCH', `/trajectories/${trajA}/agreements/${aB.id}`, lead, { status: 'done' })).statusCode).toBe(404);
    const [m] = await t.db.query<{ status: string }>(`select status from meetings where id = $1`, [mB.id]);
    const [a] = await t.db.query<{ status: string }>(`select status from agreements where id = $1`, [aB.id]);
    expect([m!.status, a!.status]).toEqual(['planned', 'open']);
  });

  it('a volunteer of another family gets 404; a coordinator of another location needs a reason', async () => {
    const m = await meeting(trajA, lead, { title: 'Alleen A' });
    const a = await agreement(trajA, lead, { description: 'Alleen A' });
    const attempts: Array<[string, string, unknown]> = [
      ['GET', `/trajectories/${trajA}/meetings`, undefined],
      ['POST', `/trajectories/${trajA}/meetings`, { title: 'x', scheduledAt: inDays(1) }],
      ['GET', `/trajectories/${trajA}/meetings/${m.id}`, undefined],
      ['PATCH', `/trajectories/${trajA}/meetings/${m.id}`, { status: 'cancelled' }],
      ['GET', `/trajectories/${trajA}/meetings/${m.id}/open-agreements`, undefined],
      ['GET', `/trajectories/${trajA}/agreements`, undefined],
      ['POST', `/trajectories/${trajA}/agreements`, { party: 'parent', partyName: 'x', description: 'x' }],
      ['PATCH', `/trajectories/${trajA}/agreements/${a.id}`, { status: 'done' }],
    ];
    for (const [method, url, body] of attempts) {
      expect((await api(method, url, otherLead, body)).statusCode, `${method} ${url}`).toBe(404);
      const refused = await api(method, url, coordTilburg, body);
      expect(refused.statusCode, `${method} ${url}`).toBe(403);
      expect(refused.json().type).toBe('urn:naast:problem:reason_required');
    }
    const reason = 'Vervanging coördinator Helmond deze week';
    const ok = await api('GET', `/trajectories/${trajA}/agreements?status=all&reason=${encodeURIComponent(reason)}`, coordTilburg);
    expect(ok.statusCode).toBe(200);
    const e = (await events('agreement', trajA)).filter((x) => x.actor_user_id === coordTilburg.userId);
    expect(e).toEqual([expect.objectContaining({ action: 'list', reason })]);
    const [row] = await t.db.query<{ status: string }>(`select status from meetings where id = $1`, [m.id]);
    expect(row!.status).toBe('planned');
  });

  it('an ended trajectory can be read but not changed (409), and nothing changes', async () => {
    const traj = (await insertTrajectory(t.db, org.orgId, { locationId: helmond, leadVolunteerId: lead.userId, phase: 'closing' })).id;
    const m = await meeting(traj, lead, { title: 'Laatste gesprek' });
    const a = await agreement(traj, lead, { description: 'Laatste afspraak', meetingId: m.id });
    await t.db.query(`update trajectories set phase = 'ended', ended_at = now() where id = $1`, [traj]);
    const attempts: Array<[string, string, unknown]> = [
      ['POST', `/trajectories/${traj}/meetings`, { title: 'x', scheduledAt: inDays(1) }],
      ['PATCH', `/trajectories/${traj}/meetings/${m.id}`, { status: 'held', evaluation: 'x' }],
      ['POST', `/trajectories/${traj}/agreements`, { party: 'parent', partyName: 'x', description: 'x' }],
      ['PATCH', `/trajectories/${traj}/agreements/${a.id}`, { status: 'done' }],
    ];
    for (const [method, url, body] of attempts) {
      const res = await api(method, url, lead, body);
      expect(res.statusCode, `${method} ${url}`).toBe(409);
      expect(res.json().type).toBe('urn:naast:problem:trajectory_ended');
    }
    expect((await api('GET', `/trajectories/${traj}/meetings/${m.id}`, lead)).json()).toMatchObject({ status: 'planned', evaluation: null, agreements: [expect.objectContaining({ status: 'open' })] });
    expect(await count('meetings', traj)).toBe(1);
    expect(await count('agreements', traj)).toBe(1);
  });
});

describe('batch reads for lists and the dossier', () => {
  it('counts open and overdue agreements and finds the next planned meeting for many trajectories in one call each', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await insertTrajectory(t.db, org.orgId, { locationId: helmond, leadVolunteerId: lead.userId, phase: 'support' })).id);
    const [one, two, empty] = ids as [string, string, string];
    await agreement(one, lead, { dueOn: addDays(today(), -5) });
    await agreement(one, lead, { dueOn: addDays(today(), -1) });
    await agreement(one, lead, { dueOn: addDays(today(), 5) });
    await agreement(one, lead, { status: 'done', dueOn: addDays(today(), -5) });
    await agreement(two, lead, {});
    const cancelled = await meeting(one, lead, { title: 'Afgezegd', scheduledAt: inDays(1) });
    await api('PATCH', `/trajectories/${one}/meetings/${cancelled.id}`, lead, { status: 'cancelled' });
    await meeting(one, lead, { title: 'Voorbij', scheduledAt: inDays(-1) });
    const soon = inDays(2);
    await meeting(one, lead, { title: 'Eerstvolgend', scheduledAt: soon });
    await meeting(one, lead, { title: 'Daarna', scheduledAt: inDays(9) });
    await meeting(two, lead, { title: 'Later', scheduledAt: inDays(20) });

    const now = new Date();
    const r = await t.db.withTenant(org.orgId, async (tx) => ({
      counts: await agreementCounts(tx, org.orgId, ids, today()),
      next: await nextMeetings(tx, org.orgId, ids, now),
      upcoming: await listUpcomingMeetings(tx, org.orgId, one, now, 5),
      open: await listAgreements(tx, org.orgId, one, { status: 'open', today: today() }),
      none: await agreementCounts(tx, org.orgId, [], today()),
    }));
    expect(r.counts.get(one)).toEqual({ open: 3, overdue: 2 });
    expect(r.counts.get(two)).toEqual({ open: 1, overdue: 0 });
    expect(r.counts.has(empty)).toBe(false);
    expect(r.none.size).toBe(0);
    expect(r.next.get(one)?.toISOString()).toBe(soon);
    expect(r.next.get(two)).toBeInstanceOf(Date);
    expect(r.next.has(empty)).toBe(false);
    expect(r.upcoming.map((m) => m.title)).toEqual(['Eerstvolgend', 'Daarna']);
    expect(r.open.map((a) => a.overdue)).toEqual([true, true, false]);
  });
});
