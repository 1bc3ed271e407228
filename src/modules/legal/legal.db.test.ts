import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestOrg, signInAs, type SignedIn, type TestApp, type TestOrg } from '../../../test/helpers/app.js';
import { insertTrajectory } from '../../../test/helpers/trajectories.js';
import { readMails } from '../../../test/helpers/users-mail.js';
import { uuidv7 } from '../../platform/db/ids.js';
import { createMailer } from '../../platform/mail/index.js';
import { addDays, amsterdamDate } from '../../platform/time/working-days.js';
import { plusMonths } from '../../shared/legal.js';
import { sendDeadlineReminders } from './reminders.js';

/**
 * Issue 5, "Measures, court decisions and deadlines": routes, rules applied in one transaction,
 * reminders once only, the private calendar feed parsed with a real iCalendar parser (ical.js).
 */

let t: TestApp;
let org: TestOrg;
let lead: SignedIn;
let coach: SignedIn;
let otherLead: SignedIn;
let parent: SignedIn;
let trajA: string;
let refA: string;
let trajB: string;
let trajEnded: string;
const LEAD_EMAIL = `lead.${Date.now()}@example.org`;
const COACH_EMAIL = `coach.${Date.now()}@example.org`;
const CHILD = 'Mirthe';

const api = (method: string, url: string, s: SignedIn | null, payload?: unknown) =>
  t.app.inject({ method: method as never, url: `/api/v1${url}`, headers: s ? { ...s.headers } : {}, payload: payload as never });
const events = (resourceType: string, resourceId: string) =>
  t.db.query<{ action: string; actor_user_id: string | null; subject_id: string | null; ip: string | null }>(
    `select action, actor_user_id::text, subject_id::text, ip from audit_events where org_id = $1 and resource_type = $2 and resource_id = $3 order by occurred_at, seq`,
    [org.orgId, resourceType, resourceId],
  );
const count = async (table: string, trajectoryId: string) =>
  (await t.db.query<{ n: number }>(`select count(*)::int as n from ${table} where trajectory_id = $1`, [trajectoryId]))[0]!.n;
const today = () => amsterdamDate(new Date());

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t.db, 'Stichting Termijn');
  const helmond = org.locationIds.Helmond!;
  coach = await signInAs(t.db, org, 'coordinator', { locationIds: [helmond], email: COACH_EMAIL });
  lead = await signInAs(t.db, org, 'volunteer', { locationIds: [helmond], email: LEAD_EMAIL });
  otherLead = await signInAs(t.db, org, 'volunteer', { locationIds: [helmond] });
  parent = await signInAs(t.db, org, 'parent');
  const a = await insertTrajectory(t.db, org.orgId, { locationId: helmond, leadVolunteerId: lead.userId, coachUserId: coach.userId, phase: 'support', parentUserId: parent.userId });
  trajA = a.id;
  refA = a.reference;
  trajB = (await insertTrajectory(t.db, org.orgId, { locationId: helmond, leadVolunteerId: otherLead.userId, phase: 'support' })).id;
  trajEnded = (await insertTrajectory(t.db, org.orgId, { locationId: helmond, leadVolunteerId: lead.userId, phase: 'ended' })).id;
});
afterAll(async () => t?.close());

describe('measures per child', () => {
  it('creates a measure with an end date and its two deadlines in one go; a new end date recomputes only open ones', async () => {
    const startsOn = today();
    const endsOn = plusMonths(startsOn, 10);
    const res = await api('POST', `/trajectories/${trajA}/measures`, lead, { childName: CHILD, measure: 'ots', startsOn, endsOn });
    expect(res.statusCode).toBe(201);
    const m = res.json() as { id: string; deadlines: Array<{ id: string; ruleCode: string; dueOn: string; source: unknown }> };
    expect(m.deadlines.map((d) => [d.ruleCode, d.dueOn]).sort()).toEqual([
      ['extension_request_expected', addDays(endsOn, -42)],
      ['measure_end', endsOn],
    ]);
    expect((await events('child_measure', m.id)).map((e) => [e.action, e.subject_id])).toEqual([['create', parent.userId]]);

    // mark the extension deadline done: it stays when the end date changes
    const ext = m.deadlines.find((d) => d.ruleCode === 'extension_request_expected')!;
    expect((await api('PATCH', `/trajectories/${trajA}/deadlines/${ext.id}`, lead, { status: 'done' })).statusCode).toBe(200);
    const newEnd = plusMonths(endsOn, 2);
    const patched = await api('PATCH', `/trajectories/${trajA}/measures/${m.id}`, lead, { endsOn: newEnd });
    expect(patched.statusCode).toBe(200);
    const rows = await t.db.query<{ rule_code: string; due_on: string; status: string }>(
      `select rule_code, due_on::text, status from deadlines where measure_id = $1 order by rule_code, status`,
      [m.id],
    );
    expect(rows).toEqual([
      { rule_code: 'extension_request_expected', due_on: addDays(endsOn, -42), status: 'done' },
      { rule_code: 'extension_request_expected', due_on: addDays(newEnd, -42), status: 'open' },
      { rule_code: 'measure_end', due_on: newEnd, status: 'open' },
    ]);

    const list = await api('GET', `/trajectories/${trajA}/measures`, coach);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([expect.objectContaining({ id: m.id, childName: CHILD, measure: 'ots', endsOn: newEnd })]);
    expect((await events('child_measure', trajA)).map((e) => e.action)).toEqual(['list']);
  });

  it('refuses an end before the start (400 field error, nothing saved), also on a change', async () => {
    const before = await count('child_measures', trajA);
    const res = await api('POST', `/trajectories/${trajA}/measures`, lead, { childName: 'Sem', measure: 'out_of_home_authorised', startsOn: '2026-05-01', endsOn: '2026-04-30' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'body.endsOn', code: 'ends_before_start' })]);
    expect(await count('child_measures', trajA)).toBe(before);

    const ok = (await api('POST', `/trajectories/${trajA}/measures`, lead, { childName: 'Sem', measure: 'guardianship', startsOn: '2026-05-01' })).json() as { id: string };
    const bad = await api('PATCH', `/trajectories/${trajA}/measures/${ok.id}`, lead, { endsOn: '2026-01-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('body.endsOn');
  });
});

describe('court decisions and their deadlines', () => {
  it('a court decision starts the 3-month appeal deadline with its legal source; listed open first by date', async () => {
    const decidedOn = today();
    const res = await api('POST', `/trajectories/${trajA}/decisions`, lead, { kind: 'court_decision', decidedOn, summary: 'OTS verlengd' });
    expect(res.statusCode).toBe(201);
    const d = res.json() as { id: string; deadlines: Array<{ ruleCode: string; dueOn: string; source: { article: string; url: string } }> };
    expect(d.deadlines).toHaveLength(1);
    expect(d.deadlines[0]!.ruleCode).toBe('appeal_decision');
    expect(d.deadlines[0]!.dueOn >= plusMonths(decidedOn, 3)).toBe(true);
    expect(d.deadlines[0]!.source).toEqual({ law: 'Wetboek van Burgerlijke Rechtsvordering', article: 'art. 358 lid 1', url: 'https://wetten.overheid.nl/BWBR0001827/' });

    const list = (await api('GET', `/trajectories/${trajA}/deadlines`, lead)).json().items as Array<{ status: string; dueOn: string }>;
    const open = list.filter((x) => x.status === 'open');
    expect(list.slice(0, open.length)).toEqual(open);
    expect(open.map((x) => x.dueOn)).toEqual([...open.map((x) => x.dueOn)].sort());
    expect((await api('GET', `/trajectories/${trajA}/decisions`, coach)).json().items.map((x: { id: string }) => x.id)).toContain(d.id);
    expect((await events('court_decision', d.id)).map((e) => e.action)).toEqual(['create']);
  });

  it('written instruction → 2 weeks; letter → 2 weeks or its own date; municipal decision → 6 weeks; hearing → on the day', async () => {
    const on = '2026-03-02';
    const post = async (body: object) => (await api('POST', `/trajectories/${trajA}/decisions`, lead, { decidedOn: on, ...body })).json().deadlines as Array<{ ruleCode: string; dueOn: string }>;
    expect(await post({ kind: 'written_instruction' })).toEqual([expect.objectContaining({ ruleCode: 'annul_written_instruction', dueOn: '2026-03-16' })]);
    expect(await post({ kind: 'letter_received' })).toEqual([expect.objectContaining({ ruleCode: 'letter_response', dueOn: '2026-03-16' })]);
    expect(await post({ kind: 'letter_received', respondBy: '2026-03-09' })).toEqual([expect.objectContaining({ ruleCode: 'letter_response', dueOn: '2026-03-09' })]);
    expect(await post({ kind: 'letter_received', municipalDecision: true })).toEqual([expect.objectContaining({ ruleCode: 'objection_municipal_decision', dueOn: '2026-04-13' })]);
    expect(await post({ kind: 'hearing_scheduled', hearingOn: '2026-04-20' })).toEqual([expect.objectContaining({ ruleCode: 'hearing', dueOn: '2026-04-20' })]);
    expect(await post({ kind: 'plan_received' })).toEqual([]);
  });

  it('a rule with a missing date is a 400 naming the field, and nothing is saved', async () => {
    const [decisions, dls] = [await count('court_decisions', trajA), await count('deadlines', trajA)];
    const res = await api('POST', `/trajectories/${trajA}/decisions`, lead, { kind: 'hearing_scheduled', decidedOn: '2026-03-02' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'body.hearingOn', code: 'required_for_rule' })]);
    const noDate = await api('POST', `/trajectories/${trajA}/decisions`, lead, { kind: 'court_decision' });
    expect(noDate.statusCode).toBe(400);
    expect(noDate.json().errors[0].field).toBe('body.decidedOn');
    expect([await count('court_decisions', trajA), await count('deadlines', trajA)]).toEqual([decisions, dls]);
  });

  it("another family's ids read as 404 or a field error; an ended trajectory refuses changes with 409", async () => {
    const mB = (await api('POST', `/trajectories/${trajB}/measures`, otherLead, { childName: 'Noor', measure: 'ots', startsOn: '2026-01-01' })).json() as { id: string };
    expect((await api('PATCH', `/trajectories/${trajA}/measures/${mB.id}`, lead, { note: 'x' })).statusCode).toBe(404);
    expect((await api('GET', `/trajectories/${trajB}/deadlines`, lead)).statusCode).toBe(404);
    expect((await api('POST', `/trajectories/${trajB}/decisions`, lead, { kind: 'court_decision', decidedOn: '2026-01-01' })).statusCode).toBe(404);
    const wrongMeasure = await api('POST', `/trajectories/${trajA}/decisions`, lead, { kind: 'court_decision', decidedOn: '2026-01-01', measureId: mB.id });
    expect(wrongMeasure.statusCode).toBe(400);
    expect(wrongMeasure.json().errors[0].field).toBe('body.measureId');
    const dB = (await api('POST', `/trajectories/${trajB}/deadlines`, otherLead, { title: 'Stukken sturen', dueOn: '2026-09-01' })).json() as { id: string };
    expect((await api('PATCH', `/trajectories/${trajA}/deadlines/${dB.id}`, lead, { status: 'done' })).statusCode).toBe(404);
    expect((await api('GET', `/trajectories/${trajA}/deadlines`, parent)).statusCode).toBe(404);

    const ended = await api('POST', `/trajectories/${trajEnded}/decisions`, lead, { kind: 'court_decision', decidedOn: '2026-01-01' });
    expect(ended.statusCode).toBe(409);
    expect(ended.json().type).toBe('urn:naast:problem:trajectory_ended');
    expect((await api('POST', `/trajectories/${trajEnded}/deadlines`, lead, { title: 'x', dueOn: '2026-01-01' })).statusCode).toBe(409);
    expect((await api('GET', `/trajectories/${trajEnded}/deadlines`, lead)).statusCode).toBe(200);
  });

  it('manual deadlines; GET /me/deadlines shows open ones of my families for the next 60 days', async () => {
    const soon = addDays(today(), 10);
    const far = addDays(today(), 90);
    const a = await api('POST', `/trajectories/${trajA}/deadlines`, lead, { title: 'Stukken naar advocaat', dueOn: soon });
    expect(a.statusCode).toBe(201);
    expect(a.json()).toEqual(expect.objectContaining({ ruleCode: 'manual', title: 'Stukken naar advocaat', status: 'open', source: null, remindOn: addDays(soon, -7) }));
    await api('POST', `/trajectories/${trajA}/deadlines`, lead, { title: 'Ver weg', dueOn: far });
    for (const who of [lead, coach]) {
      const mine = await api('GET', '/me/deadlines', who);
      expect(mine.statusCode).toBe(200);
      const items = mine.json().items as Array<{ id: string; dueOn: string; reference: string; trajectoryId: string }>;
      expect(items.map((i) => i.id)).toContain(a.json().id);
      expect(items.every((i) => i.dueOn <= addDays(today(), 60) && i.trajectoryId === trajA && i.reference === refA)).toBe(true);
    }
    expect((await api('GET', '/me/deadlines', otherLead)).json().items.every((i: { trajectoryId: string }) => i.trajectoryId === trajB)).toBe(true);
    expect((await events('deadline', lead.userId)).map((e) => e.action)).toEqual(['list']);
  });
});

describe('reminders', () => {
  it('mails the lead volunteer and the coach once (second run sends nothing), with no names or content', async () => {
    const res = await api('POST', `/trajectories/${trajA}/deadlines`, lead, { title: `Brief over ${CHILD}`, dueOn: addDays(today(), 3) });
    const id = res.json().id as string;
    const mailer = createMailer(t.config);
    const later = new Date(Date.now() + 60_000);
    const first = await sendDeadlineReminders(t.db, mailer, later, 'https://naast.example');
    expect(first.reminded).toBeGreaterThanOrEqual(1);
    const second = await sendDeadlineReminders(t.db, mailer, later, 'https://naast.example');
    expect(second).toEqual({ reminded: 0, mails: 0 });
    const [row] = await t.db.query<{ reminder_sent_at: Date | null }>(`select reminder_sent_at from deadlines where id = $1`, [id]);
    expect(row!.reminder_sent_at).not.toBeNull();

    const mails = (await readMails(t.config.dataDir)).filter((m) => m.text.includes(refA));
    const to = mails.map((m) => m.to);
    expect(to.some((x) => x.includes(LEAD_EMAIL))).toBe(true);
    expect(to.some((x) => x.includes(COACH_EMAIL))).toBe(true);
    for (const m of mails) {
      expect(m.text).toContain(`https://naast.example/trajecten/${trajA}`);
      expect(m.text).not.toContain(CHILD);
      expect(m.text).not.toContain('Brief');
      expect(m.subject).not.toContain(CHILD);
    }
    expect((await events('deadline', id)).map((e) => e.action)).toEqual(['create', 'update']);
  });

  it("claims an ended trajectory's open deadline without mailing anyone", async () => {
    const id = uuidv7();
    await t.db.query(
      `insert into deadlines (org_id, id, trajectory_id, rule_code, title, due_on, remind_at) values ($1, $2, $3, 'manual', 'Oud', $4, now() - interval '1 hour')`,
      [org.orgId, id, trajEnded, addDays(today(), 2)],
    );
    const before = (await readMails(t.config.dataDir)).length;
    const run = await sendDeadlineReminders(t.db, createMailer(t.config), new Date(), 'https://naast.example');
    expect(run).toEqual({ reminded: 1, mails: 0 });
    expect((await readMails(t.config.dataDir)).length).toBe(before);
    const [row] = await t.db.query<{ reminder_sent_at: Date | null }>(`select reminder_sent_at from deadlines where id = $1`, [id]);
    expect(row!.reminder_sent_at).not.toBeNull();
  });
});

describe('the private calendar feed', () => {
  it('makes a feed URL once, stores only its hash, replaces it, and serves the events as iCalendar without names', async () => {
    await t.db.query(`insert into meetings (org_id, id, trajectory_id, title, scheduled_at, status, created_by) values ($1, $2, $3, $4, now() + interval '2 days', 'planned', $5)`, [
      org.orgId,
      uuidv7(),
      trajA,
      `Gesprek met ${CHILD} en jeugdbeschermer`,
      lead.userId,
    ]);
    expect((await api('GET', '/me/calendar-feed', lead)).json()).toEqual({ active: false, createdAt: null });
    const made = await api('POST', '/me/calendar-feed', lead);
    expect(made.statusCode).toBe(201);
    const url = made.json().url as string;
    expect(url).toMatch(new RegExp(`^${t.config.publicUrl.replace(/\/+$/, '')}/api/v1/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
    const token = /calendar\/(.+)\.ics$/.exec(url)![1]!;
    const stored = await t.db.query<{ token_hash: string }>(`select token_hash from calendar_feeds where user_id = $1`, [lead.userId]);
    expect(stored[0]!.token_hash).not.toContain(token);
    expect(stored[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);

    const feed = await api('GET', `/calendar/${token}.ics`, null);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    const cal = new ICAL.Component(ICAL.parse(feed.body) as unknown[]);
    const vevents = cal.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    expect(vevents.length).toBeGreaterThan(3);
    for (const e of vevents) {
      expect(e.uid).toMatch(/^(deadline|meeting)-.+@naast$/);
      expect(e.summary).toContain(refA);
      expect(e.component.getFirstPropertyValue('dtstamp')).toBeTruthy();
    }
    const appeal = vevents.find((e) => e.summary.includes('hoger beroep'))!;
    expect(appeal.startDate.isDate).toBe(true);
    const expected = (await api('GET', `/trajectories/${trajA}/deadlines`, lead)).json().items.find((d: { ruleCode: string }) => d.ruleCode === 'appeal_decision').dueOn;
    expect(appeal.startDate.toString()).toBe(expected);
    const meeting = vevents.find((e) => e.uid.startsWith('meeting-'))!;
    expect(meeting.startDate.isDate).toBe(false);
    expect(meeting.summary).toBe(`${refA} – Gesprek`);
    // no names, no free text: not the child, not a meeting title, not a manual deadline's title, not the people
    for (const secret of [CHILD, 'jeugdbeschermer', 'Stukken naar advocaat', 'Test volunteer', LEAD_EMAIL]) expect(feed.body).not.toContain(secret);
    expect((await events('calendar_feed', lead.userId)).filter((e) => e.action === 'read' && e.ip === 'system').length).toBe(1);

    // a new link replaces the old one; removing it ends the feed; unknown tokens are 404
    const again = (await api('POST', '/me/calendar-feed', lead)).json().url as string;
    expect(again).not.toBe(url);
    expect((await api('GET', `/calendar/${token}.ics`, null)).statusCode).toBe(404);
    const token2 = /calendar\/(.+)\.ics$/.exec(again)![1]!;
    expect((await api('GET', `/calendar/${token2}.ics`, null)).statusCode).toBe(200);
    expect((await api('GET', '/me/calendar-feed', lead)).json().active).toBe(true);
    expect((await api('DELETE', '/me/calendar-feed', lead)).statusCode).toBe(204);
    expect((await api('GET', `/calendar/${token2}.ics`, null)).statusCode).toBe(404);
    expect((await api('GET', '/calendar/not-a-token.ics', null)).statusCode).toBe(404);
  });
});
