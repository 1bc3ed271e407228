import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestOrg, signInAs, type SignedIn, type TestApp, type TestOrg } from '../../../test/helpers/app.js';
import { insertTrajectory } from '../../../test/helpers/trajectories.js';
import type { Database, Executor } from '../../platform/db/index.js';
import { uuidv7 } from '../../platform/db/ids.js';
import type { ActorContext } from '../../platform/http/context.js';
import type { Actor } from '../../platform/policy/index.js';
import { addDays, amsterdamDate } from '../../platform/time/working-days.js';
import { ZTrajectoryDossier, ZTrajectoryList } from '../../shared/trajectories.js';
import { getDossier, myTrajectories } from './service.js';

/**
 * The dossier reads its first screen in one statement (issue 5 benchmark). These tests hold it to
 * the same rows, order and shape as the separate plan, agreement, meeting, contact and deadline routes, and
 * count the statements a dossier and the volunteer's home send in their transaction.
 */

let t: TestApp;
let org: TestOrg;
let coord: SignedIn;
let vol: SignedIn;
let parent: SignedIn;
let tr: { id: string; applicationId: string };

const api = async (method: string, url: string, s: SignedIn, payload?: unknown) => {
  const res = await t.app.inject({ method: method as never, url: `/api/v1${url}`, headers: s.headers, payload: payload as never });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
};

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t.db, 'Stichting Dossier');
  const helmond = org.locationIds.Helmond!;
  coord = await signInAs(t.db, org, 'coordinator', { locationIds: [helmond] });
  vol = await signInAs(t.db, org, 'volunteer', { locationIds: [helmond] });
  parent = await signInAs(t.db, org, 'parent');
  tr = await insertTrajectory(t.db, org.orgId, { locationId: helmond, leadVolunteerId: vol.userId, coachUserId: coord.userId, parentUserId: parent.userId, phase: 'clarifying' });
  await t.db.query(`insert into application_people (org_id, application_id, id, position, relation, first_name, last_name) values ($1, $2, $3, 0, 'parent', 'Sanne', 'Visser')`, [
    org.orgId,
    tr.applicationId,
    uuidv7(),
  ]);
  const base = `/trajectories/${tr.id}`;
  await api('POST', `${base}/phase`, vol, { to: 'support', reason: 'Hulpvragen zijn helder' });
  await api('POST', `${base}/family-map`, vol, { role: 'youth_protection_worker', name: 'Jeugdbeschermer', organisation: 'GI' });
  await api('POST', `${base}/family-map`, vol, { role: 'child', name: 'Noor' });
  await api('PATCH', `${base}/family-map/${(await api('GET', `${base}/family-map`, vol)).items[1].id}`, vol, { position: 0 });
  const q1 = await api('POST', `${base}/help-questions`, vol, { question: 'Ik wil begrijpen wat de OTS betekent', goal: 'Zelf het plan lezen' });
  await api('POST', `${base}/help-questions`, vol, { question: 'Omgang met Noor', status: 'working' });
  const today = amsterdamDate(new Date());
  await api('POST', `${base}/help-questions/${q1.id}/scores`, vol, { score: 3, recordedOn: today });
  await api('POST', `${base}/help-questions/${q1.id}/scores`, vol, { score: 2, recordedOn: addDays(today, -30), note: 'begin' });
  const soon = await api('POST', `${base}/meetings`, vol, { title: 'Gesprek met de GI', scheduledAt: new Date(Date.now() + 3 * 86_400_000).toISOString() });
  await api('POST', `${base}/meetings`, vol, { title: 'Later gesprek', scheduledAt: new Date(Date.now() + 9 * 86_400_000).toISOString(), place: 'Helmond' });
  await api('POST', `${base}/meetings`, vol, { title: 'Voorbij', scheduledAt: new Date(Date.now() - 9 * 86_400_000).toISOString() });
  await api('POST', `${base}/agreements`, vol, { party: 'professional', partyName: 'GI', description: 'Stuurt het plan', dueOn: addDays(today, -2), meetingId: soon.id });
  await api('POST', `${base}/agreements`, vol, { party: 'parent', partyName: 'Sanne', description: 'Belt school', dueOn: addDays(today, 5) });
  await api('POST', `${base}/agreements`, vol, { party: 'volunteer', partyName: 'Vrijwilliger', description: 'Zoekt uit' });
  await api('POST', `${base}/agreements`, vol, { party: 'other', partyName: 'School', description: 'Al gedaan', status: 'done' });
  // Deadlines: one a court decision's rule computed, several typed in (one overdue, one done), more open ones than the dossier shows.
  await api('POST', `${base}/decisions`, coord, { kind: 'court_decision', decidedOn: addDays(today, -10) });
  for (const [title, days] of [['Te laat', -3], ['Vandaag', 0], ['Over twee dagen', 2], ['Later', 20], ['Nog later', 40], ['Veel later', 200]] as const) {
    await api('POST', `${base}/deadlines`, vol, { title, dueOn: addDays(today, days) });
  }
  const done = await api('POST', `${base}/deadlines`, vol, { title: 'Al gedaan', dueOn: addDays(today, 1) });
  await api('PATCH', `${base}/deadlines/${done.id}`, vol, { status: 'done' });
  // More contacts than the first page holds; created_at with microseconds as the database writes it.
  for (let i = 0; i < 23; i++) {
    await t.db.query(
      `insert into trajectory_contacts (org_id, id, trajectory_id, kind, occurred_on, volunteer_minutes, professional_minutes, participants, note, created_by)
       values ($1, $2, $3, 'phone', $4, 30, $5, $6::jsonb, $7, $8)`,
      [org.orgId, uuidv7(), tr.id, addDays(today, -(i % 9)), i % 3 ? 0 : 15, JSON.stringify(i % 2 ? ['moeder'] : []), i % 4 ? null : `notitie ${i}`, vol.userId],
    );
  }
});
afterAll(async () => t?.close());

describe('the dossier in one statement', () => {
  it('shows the same rows, order and shape as the separate routes', async () => {
    const base = `/trajectories/${tr.id}`;
    const d = await api('GET', base, coord);
    // GET sends the dossier without a Zod pass: it must already be exactly the contract (parse strips unknown keys, so equal = none).
    expect(ZTrajectoryDossier.parse(d)).toEqual(d);
    expect(d.familyMap).toEqual((await api('GET', `${base}/family-map`, coord)).items);
    expect(d.familyMap.map((m: { name: string }) => m.name)).toEqual(['Noor', 'Jeugdbeschermer']);
    expect(d.helpQuestions).toEqual((await api('GET', `${base}/help-questions`, coord)).items);
    expect(d.helpQuestions[0].scores.map((s: { score: number }) => s.score)).toEqual([2, 3]);
    expect(d.openAgreements).toEqual((await api('GET', `${base}/agreements?status=open`, coord)).items);
    expect(d.openAgreements.map((a: { overdue: boolean; meetingTitle: string | null }) => [a.overdue, a.meetingTitle])).toEqual([
      [true, 'Gesprek met de GI'],
      [false, null],
      [false, null],
    ]);
    const meetings = (await api('GET', `${base}/meetings`, coord)).items as Array<{ scheduledAt: string }>;
    expect(d.upcomingMeetings).toEqual(meetings.filter((m) => new Date(m.scheduledAt) >= new Date()));
    const contacts = await api('GET', `${base}/contacts?limit=20`, coord);
    expect(d.contacts).toEqual(contacts);
    expect(d.contacts.items).toHaveLength(20);
    expect(d.contacts.nextCursor).toBeTruthy();
    // The next open deadlines: as the legal module lists them (open ones by due date), the first five, overdue first.
    const deadlines = (await api('GET', `${base}/deadlines`, coord)).items as Array<{ id: string; ruleCode: string; title: string; dueOn: string; overdue: boolean; status: string }>;
    const open = deadlines.filter((x) => x.status === 'open');
    expect(open).toHaveLength(7);
    expect(d.nextDeadlines).toEqual(open.slice(0, 5).map(({ id, ruleCode, title, dueOn, overdue }) => ({ id, ruleCode, title, dueOn, overdue })));
    expect(d.nextDeadlines.map((x: { title: string; overdue: boolean }) => [x.title, x.overdue])).toEqual([
      ['Te laat', true],
      ['Vandaag', false],
      ['Over twee dagen', false],
      ['Later', false],
      ['Nog later', false],
    ]);
    expect(d.nextDeadlines.map((x: { title: string }) => x.title)).not.toContain('Al gedaan');
    expect(deadlines.find((x) => x.ruleCode === 'appeal_decision')!.dueOn > addDays(amsterdamDate(new Date()), 40)).toBe(true);
    expect(d.phaseEvents).toHaveLength(1);
    expect(d.phaseEvents[0]).toMatchObject({ from: 'clarifying', to: 'support', reason: 'Hulpvragen zijn helder', actorName: expect.stringMatching(/^Test volunteer/) });
    expect(d.phaseEvents[0].at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(d.trajectory).toMatchObject({ familyName: 'Sanne V.', openAgreements: 3, overdueAgreements: 1, nextMeetingAt: meetings[0]!.scheduledAt });
    // The list row says the same as the dossier's header.
    const home = await api('GET', '/me/trajectories', vol);
    expect(ZTrajectoryList.parse(home)).toEqual(home);
    const { allowedPhases: _a, applicationId: _b, phaseChangedAt: _c, outcome: _d, outcomeNote: _e, closedAt: _f, aftercareUntil: _g, previousTrajectoryId: _h, children: _i, ...summary } = d.trajectory;
    expect(home.items.find((i: { id: string }) => i.id === tr.id)).toEqual(summary);
  });

  it('the statement prepared once per connection takes each request\u2019s own values', async () => {
    const other = await insertTrajectory(t.db, org.orgId, { locationId: org.locationIds.Helmond!, leadVolunteerId: vol.userId, coachUserId: coord.userId, phase: 'support' });
    const first = await api('GET', `/trajectories/${tr.id}`, coord);
    for (let i = 0; i < 6; i++) {
      const id = i % 2 ? tr.id : other.id;
      const d = await api('GET', `/trajectories/${id}`, coord);
      expect(d.trajectory.id).toBe(id);
      if (id === tr.id) expect(d).toEqual(first);
      else expect([d.contacts.items.length, d.nextDeadlines.length, d.openAgreements.length, d.upcomingMeetings.length]).toEqual([0, 0, 0, 0]);
    }
  });

  it('a refused reader gets nothing and leaves no read event', async () => {
    const other = await signInAs(t.db, org, 'volunteer', { locationIds: [org.locationIds.Helmond!] });
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/trajectories/${tr.id}`, headers: other.headers });
    expect(res.statusCode).toBe(404);
    const events = await t.db.query(`select 1 from audit_events where org_id = $1 and actor_user_id = $2 and resource_type = 'trajectory'`, [org.orgId, other.userId]);
    expect(events).toHaveLength(0);
  });
});

/** Counts what a service sends inside its tenant transaction: every statement goes through tx.execute or a builder awaited from tx. */
function countingContext(actor: Actor): { ctx: ActorContext; statements: () => number } {
  let n = 0;
  const wrap = (tx: Executor): Executor =>
    new Proxy(tx, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver) as unknown;
        if (typeof v !== 'function') return v;
        if (['execute', 'select', 'insert', 'update', 'delete', 'selectDistinct'].includes(String(prop))) {
          return (...args: unknown[]) => {
            n++;
            return (v as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        return (v as (...a: unknown[]) => unknown).bind(target);
      },
    });
  const db = new Proxy(t.db as unknown as Database, {
    get(target, prop, receiver) {
      if (prop === 'withTenant') return <T>(orgId: string, fn: (tx: Executor) => Promise<T>) => target.withTenant(orgId, (tx) => fn(wrap(tx)));
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  const ctx = { db, config: t.config, mailer: undefined as never, requestId: 'test', lang: 'nl', ip: '127.0.0.1', userAgent: 'vitest', actor } as ActorContext;
  return { ctx, statements: () => n };
}

const actorOf = (s: SignedIn, role: Actor['role'], locationIds: string[]): Actor =>
  ({ orgId: org.orgId, userId: s.userId, role, displayName: 'x', language: 'nl', locationIds, sessionIdHash: 'x', csrfToken: 'x', mfaPassed: true, mfaEnrolled: true, isDemo: false }) as Actor;

describe('statements per request', () => {
  it('the dossier: one select and the audit insert, whatever the size of the file', async () => {
    const { ctx, statements } = countingContext(actorOf(coord, 'coordinator', [org.locationIds.Helmond!]));
    const d = await getDossier(ctx, tr.id);
    expect(d.contacts.items).toHaveLength(20);
    expect(d.nextDeadlines).toHaveLength(5);
    expect(statements()).toBe(2);
  });

  it("a trajectory the organisation's norm decides on: dossier and home still one select each (the norms come in it)", async () => {
    await t.db.query(`update organisations set settings = settings || '{"trajectoryNormMonths": 6}'::jsonb where org_id = $1`, [org.orgId]);
    try {
      const started = new Date(Date.now() - 7 * 31 * 86_400_000); // 7 months: over a 6-month norm, under the default 8
      const lead = await signInAs(t.db, org, 'volunteer', { locationIds: [org.locationIds.Helmond!] });
      const old = await insertTrajectory(t.db, org.orgId, { locationId: org.locationIds.Helmond!, leadVolunteerId: lead.userId, coachUserId: coord.userId, phase: 'support', startedAt: started });
      const { ctx, statements } = countingContext(actorOf(coord, 'coordinator', [org.locationIds.Helmond!]));
      const d = await getDossier(ctx, old.id);
      expect(d.trajectory.signals).toContain('over_norm');
      expect(statements()).toBe(2);
      // and the lead volunteer's home says the same, in one select too
      const home = countingContext(actorOf(lead, 'volunteer', [org.locationIds.Helmond!]));
      const mine = await myTrajectories(home.ctx);
      expect(mine.items.find((i) => i.id === old.id)!.signals).toContain('over_norm');
      expect(home.statements()).toBe(2);
    } finally {
      await t.db.query(`update organisations set settings = settings - 'trajectoryNormMonths' where org_id = $1`, [org.orgId]);
    }
  });

  it("the volunteer's home: one select and the audit insert, whatever the number of families", async () => {
    const { ctx, statements } = countingContext(actorOf(vol, 'volunteer', [org.locationIds.Helmond!]));
    const home = await myTrajectories(ctx);
    expect(home.items.map((i) => i.id)).toContain(tr.id);
    expect(statements()).toBe(2);
  });
});
