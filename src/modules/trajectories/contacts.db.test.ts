import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestOrg, signInAs, type SignedIn, type TestApp, type TestOrg } from '../../../test/helpers/app.js';
import { insertTrajectory } from '../../../test/helpers/trajectories.js';
import { uuidv7 } from '../../platform/db/ids.js';
import { addDays, amsterdamDate } from '../../platform/time/working-days.js';
import { isoWeekOf, mondayOf } from './lifecycle.js';

let t: TestApp;
let org: TestOrg;
let admin: SignedIn;
let coord: SignedIn;
let vol: SignedIn;
let vol2: SignedIn;
let parent: SignedIn;
let helmond: string;

const api = (method: string, url: string, s: SignedIn | undefined, payload?: unknown) =>
  t.app.inject({ method: method as never, url: `/api/v1${url}`, headers: { ...(s?.headers ?? {}) }, payload: payload as never });
const today = () => amsterdamDate(new Date());

const trajectory = (f: Partial<Parameters<typeof insertTrajectory>[2]> = {}) =>
  insertTrajectory(t.db, org.orgId, { locationId: helmond, leadVolunteerId: vol.userId, coachUserId: coord.userId, parentUserId: parent.userId, phase: 'support', ...f });
const totals = async (id: string) =>
  (
    await t.db.query<{ volunteer_minutes: number; professional_minutes: number; last_contact_on: string | null }>(
      `select volunteer_minutes, professional_minutes, last_contact_on::text from trajectories where id = $1`,
      [id],
    )
  )[0]!;
const contactCount = async (id: string) => (await t.db.query(`select 1 from trajectory_contacts where trajectory_id = $1`, [id])).length;
const contact = (over: Record<string, unknown> = {}) => ({ kind: 'phone', occurredOn: today(), volunteerMinutes: 30, participants: ['ouder'], note: 'Gesprek voorbereid', ...over });

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t.db, 'Stichting Contact');
  helmond = org.locationIds.Helmond!;
  admin = await signInAs(t.db, org, 'admin');
  coord = await signInAs(t.db, org, 'coordinator', { locationIds: [helmond] });
  vol = await signInAs(t.db, org, 'volunteer', { locationIds: [helmond] });
  vol2 = await signInAs(t.db, org, 'volunteer', { locationIds: [helmond] });
  parent = await signInAs(t.db, org, 'parent');
});
afterAll(async () => t?.close());

describe('logging contacts', () => {
  it('create, change and remove keep the totals and the last contact date; each change is audited about the parent', async () => {
    const tr = await trajectory();
    const a = await api('POST', `/trajectories/${tr.id}/contacts`, vol, contact({ occurredOn: addDays(today(), -3), volunteerMinutes: 90, professionalMinutes: 15 }));
    expect(a.statusCode).toBe(201);
    expect(a.json()).toMatchObject({ kind: 'phone', volunteerMinutes: 90, professionalMinutes: 15, participants: ['ouder'], note: 'Gesprek voorbereid', meetingId: null, createdBy: { id: vol.userId } });
    expect(await totals(tr.id)).toEqual({ volunteer_minutes: 90, professional_minutes: 15, last_contact_on: addDays(today(), -3) });
    const b = await api('POST', `/trajectories/${tr.id}/contacts`, vol, { kind: 'home_visit', occurredOn: addDays(today(), -10), volunteerMinutes: 120 });
    expect(b.statusCode).toBe(201);
    expect(b.json()).toMatchObject({ professionalMinutes: 0, participants: [], note: null });
    expect(await totals(tr.id)).toEqual({ volunteer_minutes: 210, professional_minutes: 15, last_contact_on: addDays(today(), -3) });

    const patched = await api('PATCH', `/trajectories/${tr.id}/contacts/${b.json().id}`, vol, { occurredOn: addDays(today(), -1), volunteerMinutes: 60, note: 'Huisbezoek' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ kind: 'home_visit', occurredOn: addDays(today(), -1), volunteerMinutes: 60, note: 'Huisbezoek' });
    expect(await totals(tr.id)).toEqual({ volunteer_minutes: 150, professional_minutes: 15, last_contact_on: addDays(today(), -1) });
    expect((await api('PATCH', `/trajectories/${tr.id}/contacts/${b.json().id}`, vol, { note: null })).json().note).toBeNull();

    expect((await api('DELETE', `/trajectories/${tr.id}/contacts/${b.json().id}`, vol)).statusCode).toBe(204);
    expect(await totals(tr.id)).toEqual({ volunteer_minutes: 90, professional_minutes: 15, last_contact_on: addDays(today(), -3) });
    expect((await api('DELETE', `/trajectories/${tr.id}/contacts/${a.json().id}`, coord)).statusCode).toBe(204);
    expect(await totals(tr.id)).toEqual({ volunteer_minutes: 0, professional_minutes: 0, last_contact_on: null });

    const audit = await t.db.query<{ action: string; subject_id: string }>(
      `select action, subject_id::text from audit_events where org_id = $1 and resource_type = 'trajectory_contact' and action <> 'list' order by occurred_at, id`,
      [org.orgId],
    );
    expect(audit.map((e) => e.action)).toEqual(['create', 'create', 'update', 'update', 'delete', 'delete']);
    expect(audit.every((e) => e.subject_id === parent.userId)).toBe(true);
  });

  it('25 hours, a future date or no time at all → 400 at the field; nothing is saved', async () => {
    const tr = await trajectory();
    const long = await api('POST', `/trajectories/${tr.id}/contacts`, vol, contact({ volunteerMinutes: 25 * 60 }));
    expect(long.statusCode).toBe(400);
    expect(long.json().errors.map((e: { field: string }) => e.field)).toEqual(['body.volunteerMinutes']);
    const future = await api('POST', `/trajectories/${tr.id}/contacts`, vol, contact({ occurredOn: addDays(today(), 1) }));
    expect(future.statusCode).toBe(400);
    expect(future.json().errors).toEqual([{ field: 'body.occurredOn', code: 'in_future', message: 'Deze datum ligt in de toekomst. Vul de datum van het contact in.' }]);
    const none = await api('POST', `/trajectories/${tr.id}/contacts`, vol, contact({ volunteerMinutes: 0, professionalMinutes: 0 }));
    expect(none.statusCode).toBe(400);
    expect(none.json().errors).toEqual([{ field: 'body.volunteerMinutes', code: 'custom', message: expect.stringContaining('minstens 1 minuut') }]);
    const badKind = await api('POST', `/trajectories/${tr.id}/contacts`, vol, contact({ kind: 'chat' }));
    expect(badKind.statusCode).toBe(400);
    expect(await contactCount(tr.id)).toBe(0);
    expect(await totals(tr.id)).toEqual({ volunteer_minutes: 0, professional_minutes: 0, last_contact_on: null });

    // a change is checked as a whole: zeroing the only time, or moving it into the future, is refused
    const ok = await api('POST', `/trajectories/${tr.id}/contacts`, vol, contact({ volunteerMinutes: 45 }));
    const id = ok.json().id;
    const zero = await api('PATCH', `/trajectories/${tr.id}/contacts/${id}`, vol, { volunteerMinutes: 0 });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().errors[0].field).toBe('body.volunteerMinutes');
    expect((await api('PATCH', `/trajectories/${tr.id}/contacts/${id}`, vol, { occurredOn: addDays(today(), 2) })).statusCode).toBe(400);
    expect((await api('PATCH', `/trajectories/${tr.id}/contacts/${id}`, vol, { professionalMinutes: 1441 })).statusCode).toBe(400);
    expect(await totals(tr.id)).toEqual({ volunteer_minutes: 45, professional_minutes: 0, last_contact_on: today() });
  });

  it('a meeting must belong to the same trajectory', async () => {
    const tr = await trajectory();
    const other = await trajectory({ leadVolunteerId: vol2.userId });
    const meetingOf = async (trajectoryId: string) => {
      const id = uuidv7();
      await t.db.query(`insert into meetings (org_id, id, trajectory_id, title, scheduled_at, created_by) values ($1, $2, $3, 'Gesprek met de GI', now(), $4)`, [
        org.orgId,
        id,
        trajectoryId,
        vol.userId,
      ]);
      return id;
    };
    const mine = await meetingOf(tr.id);
    const theirs = await meetingOf(other.id);
    const wrong = await api('POST', `/trajectories/${tr.id}/contacts`, vol, contact({ meetingId: theirs }));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toBe('body.meetingId');
    expect((await api('POST', `/trajectories/${tr.id}/contacts`, vol, contact({ meetingId: uuidv7() }))).statusCode).toBe(400);
    const right = await api('POST', `/trajectories/${tr.id}/contacts`, vol, contact({ kind: 'professional_meeting', meetingId: mine }));
    expect(right.statusCode).toBe(201);
    expect(right.json().meetingId).toBe(mine);
    expect(await contactCount(tr.id)).toBe(1);
  });

  it("another family's contact is not found; only its author or a professional may change it; others' families are not found", async () => {
    const tr = await trajectory();
    const other = await trajectory({ leadVolunteerId: vol2.userId, coachUserId: null });
    const theirs = (await api('POST', `/trajectories/${other.id}/contacts`, vol2, contact())).json().id;
    expect((await api('PATCH', `/trajectories/${tr.id}/contacts/${theirs}`, vol, { volunteerMinutes: 10 })).statusCode).toBe(404);
    expect((await api('DELETE', `/trajectories/${tr.id}/contacts/${theirs}`, admin)).statusCode).toBe(404);
    expect((await api('POST', `/trajectories/${other.id}/contacts`, vol, contact())).statusCode).toBe(404);
    expect((await api('GET', `/trajectories/${other.id}/contacts`, vol)).statusCode).toBe(404);
    // the coordinator logged one in the volunteer's family: the volunteer may not remove it, the coordinator may
    const byCoord = (await api('POST', `/trajectories/${tr.id}/contacts`, coord, contact({ volunteerMinutes: 0, professionalMinutes: 20 }))).json().id;
    expect((await api('DELETE', `/trajectories/${tr.id}/contacts/${byCoord}`, vol)).statusCode).toBe(404);
    expect((await api('PATCH', `/trajectories/${tr.id}/contacts/${byCoord}`, coord, { professionalMinutes: 30 })).statusCode).toBe(200);
    expect((await totals(tr.id)).professional_minutes).toBe(30);
    expect((await api('GET', `/trajectories/${tr.id}/contacts/${byCoord}`, vol)).statusCode).toBe(404);
  });

  it('an ended trajectory is read-only (409) but its log can still be read', async () => {
    const tr = await trajectory();
    const id = (await api('POST', `/trajectories/${tr.id}/contacts`, vol, contact())).json().id;
    await t.db.query(`update trajectories set phase = 'ended', ended_at = now() where id = $1`, [tr.id]);
    const res = await api('POST', `/trajectories/${tr.id}/contacts`, vol, contact());
    expect(res.statusCode).toBe(409);
    expect(res.json().type).toBe('urn:naast:problem:trajectory_ended');
    expect((await api('PATCH', `/trajectories/${tr.id}/contacts/${id}`, vol, { volunteerMinutes: 5 })).statusCode).toBe(409);
    expect((await api('DELETE', `/trajectories/${tr.id}/contacts/${id}`, coord)).statusCode).toBe(409);
    expect(await contactCount(tr.id)).toBe(1);
    expect((await api('GET', `/trajectories/${tr.id}/contacts`, vol)).json().items).toHaveLength(1);
  });
});

describe('the timeline and time', () => {
  it('pages newest first by date then id, without gaps; the dossier shows the first 20', async () => {
    const tr = await trajectory();
    for (let i = 0; i < 23; i++) {
      const res = await api('POST', `/trajectories/${tr.id}/contacts`, vol, contact({ occurredOn: addDays(today(), -(i % 5)), volunteerMinutes: 10 }));
      expect(res.statusCode).toBe(201);
    }
    const seen: Array<{ id: string; occurredOn: string }> = [];
    let cursor: string | null = null;
    do {
      const page = await api('GET', `/trajectories/${tr.id}/contacts?limit=7${cursor ? `&cursor=${cursor}` : ''}`, vol);
      expect(page.statusCode).toBe(200);
      seen.push(...page.json().items);
      cursor = page.json().nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(23);
    expect(new Set(seen.map((c) => c.id)).size).toBe(23);
    const key = (c: { id: string; occurredOn: string }) => `${c.occurredOn}|${c.id}`;
    expect(seen.map(key)).toEqual([...seen.map(key)].sort().reverse());
    const dossier = (await api('GET', `/trajectories/${tr.id}`, vol)).json();
    expect(dossier.contacts.items.map((c: { id: string }) => c.id)).toEqual(seen.slice(0, 20).map((c) => c.id));
    expect(dossier.contacts.nextCursor).not.toBeNull();
    expect(dossier.trajectory).toMatchObject({ volunteerHours: 3.8, lastContactOn: today(), weeklyHours: 1 });
    expect((await api('GET', `/trajectories/${tr.id}/contacts?cursor=bogus`, vol)).statusCode).toBe(400);
  });

  it('totals and 26 ISO weeks, oldest first, empty weeks as zero', async () => {
    const tr = await trajectory();
    const now = today();
    await api('POST', `/trajectories/${tr.id}/contacts`, vol, contact({ occurredOn: now, volunteerMinutes: 60, professionalMinutes: 10 }));
    await api('POST', `/trajectories/${tr.id}/contacts`, vol, contact({ occurredOn: addDays(now, -7), volunteerMinutes: 30 }));
    await api('POST', `/trajectories/${tr.id}/contacts`, vol, contact({ occurredOn: addDays(now, -400), volunteerMinutes: 500 }));
    const res = await api('GET', `/trajectories/${tr.id}/time`, vol);
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s).toMatchObject({ volunteerMinutes: 590, professionalMinutes: 10 });
    expect(s.weeks).toHaveLength(26);
    const last = s.weeks[25];
    expect(last).toEqual({ week: isoWeekOf(now), weekStart: mondayOf(now), volunteerMinutes: 60, professionalMinutes: 10 });
    expect(s.weeks[24]).toMatchObject({ weekStart: addDays(mondayOf(now), -7), volunteerMinutes: 30 });
    expect(s.weeks[0].weekStart).toBe(addDays(mondayOf(now), -7 * 25));
    expect(s.weeks.slice(0, 24).every((w: { volunteerMinutes: number }) => w.volunteerMinutes === 0)).toBe(true);
    expect((await api('GET', `/trajectories/${tr.id}/time`, vol2)).statusCode).toBe(404);
  });
});
