import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestOrg, signInAs, type SignedIn, type TestApp, type TestOrg } from '../../../test/helpers/app.js';
import { insertTrajectory } from '../../../test/helpers/trajectories.js';
import { addDays, amsterdamDate } from '../../platform/time/working-days.js';

let t: TestApp;
let org: TestOrg;
let coord: SignedIn;
let coordTilburg: SignedIn;
let lead: SignedIn;
let otherLead: SignedIn;
let parent: SignedIn;
let trajA: string;
let trajB: string;

const api = (method: string, url: string, s: SignedIn, payload?: unknown, lang?: string) =>
  t.app.inject({ method: method as never, url: `/api/v1${url}`, headers: { ...s.headers, ...(lang ? { 'accept-language': lang } : {}) }, payload: payload as never });
const events = (resourceType: string, resourceId?: string) =>
  t.db.query<{ action: string; actor_user_id: string; subject_id: string | null; reason: string | null; resource_id: string }>(
    `select action, actor_user_id::text, subject_id::text, reason, resource_id::text from audit_events
      where org_id = $1 and resource_type = $2 ${resourceId ? 'and resource_id = $3' : ''} order by occurred_at, seq`,
    resourceId ? [org.orgId, resourceType, resourceId] : [org.orgId, resourceType],
  );
const count = async (table: string, trajectoryId: string) =>
  (await t.db.query<{ n: number }>(`select count(*)::int as n from ${table} where trajectory_id = $1`, [trajectoryId]))[0]!.n;
const big = 'a'.repeat(100 * 1024);

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t.db, 'Stichting Houvast');
  const helmond = org.locationIds.Helmond!;
  coord = await signInAs(t.db, org, 'coordinator', { locationIds: [helmond] });
  coordTilburg = await signInAs(t.db, org, 'coordinator', { locationIds: [org.locationIds.Tilburg!] });
  lead = await signInAs(t.db, org, 'volunteer', { locationIds: [helmond] });
  otherLead = await signInAs(t.db, org, 'volunteer', { locationIds: [helmond] });
  parent = await signInAs(t.db, org, 'parent');
  trajA = (await insertTrajectory(t.db, org.orgId, { locationId: helmond, leadVolunteerId: lead.userId, coachUserId: coord.userId, phase: 'clarifying', parentUserId: parent.userId })).id;
  trajB = (await insertTrajectory(t.db, org.orgId, { locationId: helmond, leadVolunteerId: otherLead.userId, phase: 'support' })).id;
});
afterAll(async () => t?.close());

describe('family map', () => {
  it('adds members at the end, moves, changes, removes; every step audited with the parent as subject', async () => {
    const add = (body: unknown) => api('POST', `/trajectories/${trajA}/family-map`, lead, body);
    const r1 = await add({ role: 'parent', name: 'Sanne' });
    expect(r1.statusCode).toBe(201);
    expect(r1.json()).toMatchObject({ role: 'parent', name: 'Sanne', organisation: null, note: null, position: 0 });
    const r2 = await add({ role: 'child', name: 'Noah', note: 'Woont bij pleegouders' });
    const r3 = await add({ role: 'youth_protection_worker', name: 'Mevrouw De Vries', organisation: 'GI Brabant' });
    expect(r3.json().position).toBe(2);

    const moved = await api('PATCH', `/trajectories/${trajA}/family-map/${r3.json().id}`, lead, { position: 0, note: 'Nieuw sinds maart' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ position: 0, note: 'Nieuw sinds maart', organisation: 'GI Brabant' });
    const cleared = await api('PATCH', `/trajectories/${trajA}/family-map/${r2.json().id}`, lead, { note: null });
    expect(cleared.json()).toMatchObject({ name: 'Noah', note: null, role: 'child' });

    let list = await api('GET', `/trajectories/${trajA}/family-map`, lead);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((m: { name: string; position: number }) => [m.name, m.position])).toEqual([
      ['Mevrouw De Vries', 0],
      ['Sanne', 1],
      ['Noah', 2],
    ]);

    expect((await api('DELETE', `/trajectories/${trajA}/family-map/${r1.json().id}`, lead)).statusCode).toBe(204);
    expect((await api('DELETE', `/trajectories/${trajA}/family-map/${r1.json().id}`, lead)).statusCode).toBe(404);
    list = await api('GET', `/trajectories/${trajA}/family-map`, coord);
    expect(list.json().items.map((m: { name: string }) => m.name)).toEqual(['Mevrouw De Vries', 'Noah']);

    const memberEvents = await events('family_member', r1.json().id);
    expect(memberEvents.map((e) => e.action)).toEqual(['create', 'delete']);
    expect(memberEvents.every((e) => e.subject_id === parent.userId && e.actor_user_id === lead.userId)).toBe(true);
    expect((await events('family_member', r3.json().id)).map((e) => e.action)).toEqual(['create', 'update']);
    const lists = await events('family_map', trajA);
    expect(lists.map((e) => [e.action, e.actor_user_id])).toEqual([
      ['list', lead.userId],
      ['list', coord.userId],
    ]);
  });

  it('refuses bad input with field errors and saves nothing', async () => {
    const before = await count('family_map_members', trajA);
    const res = await api('POST', `/trajectories/${trajA}/family-map`, lead, { role: 'parent', name: 'X', note: big });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('body.note');
    expect((await api('POST', `/trajectories/${trajA}/family-map`, lead, { role: 'uncle', name: 'X' })).statusCode).toBe(400);
    expect((await api('POST', `/trajectories/${trajA}/family-map`, lead, { role: 'parent', name: 'X', extra: 1 })).statusCode).toBe(400);
    expect(await count('family_map_members', trajA)).toBe(before);
  });
});

describe('help questions and self-reliance', () => {
  it('keeps the family words, changes status, and shows the score history oldest first', async () => {
    const words = 'Ik wil dat mijn zoon  weer bij mij komt wonen — en dat de GI naar mij luistert!';
    const created = await api('POST', `/trajectories/${trajA}/help-questions`, lead, { question: words, goal: 'Omgang uitbreiden' });
    expect(created.statusCode).toBe(201);
    const q = created.json();
    expect(q).toMatchObject({ question: words, goal: 'Omgang uitbreiden', status: 'open', strengths: null, nextSteps: null, scores: [] });

    const second = await api('POST', `/trajectories/${trajA}/help-questions`, lead, { question: 'Brieven van de rechtbank begrijpen', status: 'working' });
    expect(second.json().status).toBe('working');

    const patched = await api('PATCH', `/trajectories/${trajA}/help-questions/${q.id}`, lead, { status: 'working', strengths: 'Komt altijd op afspraken' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ question: words, status: 'working', strengths: 'Komt altijd op afspraken', goal: 'Omgang uitbreiden' });
    // A patch without a status keeps it (no default slips in).
    const noStatus = await api('PATCH', `/trajectories/${trajA}/help-questions/${q.id}`, lead, { nextSteps: 'Gesprek met de GI voorbereiden' });
    expect(noStatus.json()).toMatchObject({ status: 'working', nextSteps: 'Gesprek met de GI voorbereiden' });

    const today = amsterdamDate(new Date());
    const score = (recordedOn: string, s: number) => api('POST', `/trajectories/${trajA}/help-questions/${q.id}/scores`, lead, { score: s, recordedOn });
    expect((await score(addDays(today, -10), 3)).statusCode).toBe(201);
    expect((await score(addDays(today, -60), 1)).statusCode).toBe(201);
    const last = await score(today, 4);
    expect(last.statusCode).toBe(201);
    expect(last.json().scores.map((s: { score: number; recordedOn: string }) => [s.recordedOn, s.score])).toEqual([
      [addDays(today, -60), 1],
      [addDays(today, -10), 3],
      [today, 4],
    ]);

    const list = await api('GET', `/trajectories/${trajA}/help-questions`, coord);
    expect(list.statusCode).toBe(200);
    const items = list.json().items as Array<{ id: string; scores: Array<{ score: number }> }>;
    expect(items.map((i) => i.id)).toEqual([q.id, second.json().id]);
    expect(items[0]!.scores.map((s) => s.score)).toEqual([1, 3, 4]);
    expect(items[1]!.scores).toEqual([]);

    expect((await events('help_question', q.id)).map((e) => e.action)).toEqual(['create', 'update', 'update']);
    expect(await events('self_reliance_score')).toHaveLength(3);
    expect((await events('help_question', trajA)).map((e) => e.action)).toEqual(['list']);
    expect((await events('self_reliance_score')).every((e) => e.subject_id === parent.userId)).toBe(true);
  });

  it('refuses a score date in the future, a score outside 1–5 and 100 KB of text; nothing saved', async () => {
    const q = (await api('POST', `/trajectories/${trajA}/help-questions`, lead, { question: 'Rust in huis' })).json();
    const tomorrow = addDays(amsterdamDate(new Date()), 1);
    const future = await api('POST', `/trajectories/${trajA}/help-questions/${q.id}/scores`, lead, { score: 3, recordedOn: tomorrow });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors).toEqual([expect.objectContaining({ field: 'body.recordedOn', code: 'in_future' })]);
    expect(future.json().errors[0].message).toMatch(/toekomst/);
    const en = await api('POST', `/trajectories/${trajA}/help-questions/${q.id}/scores`, lead, { score: 3, recordedOn: tomorrow }, 'en');
    expect(en.json().errors[0].message).toMatch(/future/);
    for (const s of [0, 6, 2.5]) {
      const res = await api('POST', `/trajectories/${trajA}/help-questions/${q.id}/scores`, lead, { score: s, recordedOn: '2026-01-05' });
      expect(res.statusCode, String(s)).toBe(400);
      expect(res.json().errors[0].field).toBe('body.score');
    }
    const before = await count('help_questions', trajA);
    const huge = await api('POST', `/trajectories/${trajA}/help-questions`, lead, { question: big });
    expect(huge.statusCode).toBe(400);
    expect(huge.json().errors[0].field).toBe('body.question');
    expect((await api('PATCH', `/trajectories/${trajA}/help-questions/${q.id}`, lead, { strengths: big })).statusCode).toBe(400);
    expect((await api('PATCH', `/trajectories/${trajA}/help-questions/${q.id}`, lead, { status: 'finished' })).statusCode).toBe(400);
    expect(await count('help_questions', trajA)).toBe(before);
    expect(await t.db.query(`select 1 from self_reliance_scores where help_question_id = $1`, [q.id])).toEqual([]);
    expect((await t.db.query<{ strengths: string | null }>(`select strengths from help_questions where id = $1`, [q.id]))[0]!.strengths).toBeNull();
  });
});

describe('who may see and change the plan', () => {
  it("another family's member or question used under this trajectory is not found, and stays as it was", async () => {
    const memberB = (await api('POST', `/trajectories/${trajB}/family-map`, otherLead, { role: 'lawyer', name: 'Mr. Jansen' })).json();
    const questionB = (await api('POST', `/trajectories/${trajB}/help-questions`, otherLead, { question: 'Een advocaat vinden' })).json();
    // The lead of A uses B's ids under A (which they may open): 404, not a change of B.
    expect((await api('PATCH', `/trajectories/${trajA}/family-map/${memberB.id}`, lead, { name: 'Gekaapt' })).statusCode).toBe(404);
    expect((await api('DELETE', `/trajectories/${trajA}/family-map/${memberB.id}`, lead)).statusCode).toBe(404);
    expect((await api('PATCH', `/trajectories/${trajA}/help-questions/${questionB.id}`, lead, { status: 'dropped' })).statusCode).toBe(404);
    expect((await api('POST', `/trajectories/${trajA}/help-questions/${questionB.id}/scores`, lead, { score: 2, recordedOn: '2026-01-05' })).statusCode).toBe(404);
    const b = await api('GET', `/trajectories/${trajB}/family-map`, otherLead);
    expect(b.json().items).toEqual([expect.objectContaining({ name: 'Mr. Jansen' })]);
    const qb = await api('GET', `/trajectories/${trajB}/help-questions`, otherLead);
    expect(qb.json().items).toEqual([expect.objectContaining({ status: 'open', scores: [] })]);
  });

  it('a volunteer of another family gets 404; a coordinator of another location needs a reason, which is audited', async () => {
    for (const [method, url, body] of [
      ['GET', `/trajectories/${trajA}/family-map`, undefined],
      ['POST', `/trajectories/${trajA}/family-map`, { role: 'school', name: 'De Regenboog' }],
      ['GET', `/trajectories/${trajA}/help-questions`, undefined],
      ['POST', `/trajectories/${trajA}/help-questions`, { question: 'x' }],
    ] as const) {
      expect((await api(method, url, otherLead, body)).statusCode, `${method} ${url}`).toBe(404);
      const refused = await api(method, url, coordTilburg, body);
      expect(refused.statusCode, `${method} ${url}`).toBe(403);
      expect(refused.json().type).toBe('urn:naast:problem:reason_required');
    }
    const funder = await signInAs(t.db, org, 'funder');
    expect((await api('GET', `/trajectories/${trajA}/family-map`, funder)).statusCode).toBe(404);

    const reason = 'Waarneming voor collega in Helmond';
    const res = await api('GET', `/trajectories/${trajA}/help-questions?reason=${encodeURIComponent(reason)}`, coordTilburg);
    expect(res.statusCode).toBe(200);
    const e = (await events('help_question', trajA)).filter((x) => x.actor_user_id === coordTilburg.userId);
    expect(e).toEqual([expect.objectContaining({ action: 'list', reason })]);
  });

  it('an ended trajectory can be read but not changed (409), and nothing changes', async () => {
    const helmond = org.locationIds.Helmond!;
    const ended = (await insertTrajectory(t.db, org.orgId, { locationId: helmond, leadVolunteerId: lead.userId, phase: 'support' })).id;
    const member = (await api('POST', `/trajectories/${ended}/family-map`, lead, { role: 'parent', name: 'Ali' })).json();
    const q = (await api('POST', `/trajectories/${ended}/help-questions`, lead, { question: 'Rust' })).json();
    await t.db.query(`update trajectories set phase = 'ended', ended_at = now() where id = $1`, [ended]);

    const attempts: Array<[string, string, unknown]> = [
      ['POST', `/trajectories/${ended}/family-map`, { role: 'child', name: 'Yara' }],
      ['PATCH', `/trajectories/${ended}/family-map/${member.id}`, { name: 'Anders' }],
      ['DELETE', `/trajectories/${ended}/family-map/${member.id}`, undefined],
      ['POST', `/trajectories/${ended}/help-questions`, { question: 'Nieuw' }],
      ['PATCH', `/trajectories/${ended}/help-questions/${q.id}`, { status: 'achieved' }],
      ['POST', `/trajectories/${ended}/help-questions/${q.id}/scores`, { score: 5, recordedOn: '2026-01-05' }],
    ];
    for (const [method, url, body] of attempts) {
      const res = await api(method, url, lead, body);
      expect(res.statusCode, `${method} ${url}`).toBe(409);
      expect(res.json().type).toBe('urn:naast:problem:trajectory_ended');
    }
    const map = await api('GET', `/trajectories/${ended}/family-map`, lead);
    expect(map.statusCode).toBe(200);
    expect(map.json().items).toEqual([expect.objectContaining({ name: 'Ali', role: 'parent' })]);
    const qs = await api('GET', `/trajectories/${ended}/help-questions`, lead);
    expect(qs.json().items).toEqual([expect.objectContaining({ question: 'Rust', status: 'open', scores: [] })]);
    expect((await events('family_member', member.id)).map((e) => e.action)).toEqual(['create']);
  });
});
