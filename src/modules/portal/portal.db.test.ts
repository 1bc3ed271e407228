import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestOrg, signInAs, type SignedIn, type TestApp, type TestOrg } from '../../../test/helpers/app.js';
import { insertFamily } from '../../../test/helpers/matching.js';
import { Browser, GOOD_PASSWORD, mailsTo, tokenFromMail } from '../../../test/helpers/signin.js';
import { insertTrajectory } from '../../../test/helpers/trajectories.js';
import { sql } from 'drizzle-orm';
import { uuidv7 } from '../../platform/db/ids.js';
import { execRows } from '../../platform/db/index.js';
import { toPdf } from '../../platform/export/index.js';
import { ZMyFamily } from '../../shared/portal.js';
import { homeStatement } from './service.js';

/** Issue 6: the coordinator invites the parent, the parent's home (GET /me/family), only their own family. */
let t: TestApp;
let org: TestOrg;
let coord: SignedIn;
let otherCoord: SignedIn;
let lead: SignedIn;
let otherLead: SignedIn;
let otherParent: SignedIn;
let trajA: { id: string; applicationId: string };
let trajB: { id: string; applicationId: string };

const api = (method: string, url: string, s: SignedIn | undefined, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: method as never, url: `/api/v1${url}`, headers: { ...(s?.headers ?? {}), ...headers }, payload: payload as never });
const upload = (trajectoryId: string, s: SignedIn, bytes: Buffer, title: string) =>
  api('POST', `/trajectories/${trajectoryId}/documents?${new URLSearchParams({ kind: 'letter_received', title, fileName: 'brief.pdf' })}`, s, bytes, { 'content-type': 'application/octet-stream' });

/** A signed-in Browser as an inject-style SignedIn (cookie + CSRF token). */
function asSignedIn(b: Browser, userId: string): SignedIn {
  const { cookie, csrf } = b as unknown as { cookie: string; csrf: string };
  const c = `naast_session=${cookie}`;
  return { userId, orgId: org.orgId, cookie: c, csrfToken: csrf, headers: { cookie: c, 'x-csrf-token': csrf } };
}

beforeAll(async () => {
  t = await createTestApp({ NAAST_PUBLIC_URL: 'https://naast.example' });
  org = await createTestOrg(t.db, 'Stichting Gezinsportaal');
  const helmond = org.locationIds.Helmond!;
  coord = await signInAs(t.db, org, 'coordinator', { locationIds: [helmond] });
  otherCoord = await signInAs(t.db, org, 'coordinator', { locationIds: [org.locationIds.Tilburg!] });
  lead = await signInAs(t.db, org, 'volunteer', { locationIds: [helmond] });
  otherLead = await signInAs(t.db, org, 'volunteer', { locationIds: [helmond] });
  otherParent = await signInAs(t.db, org, 'parent');
  trajA = await insertTrajectory(t.db, org.orgId, { locationId: helmond, leadVolunteerId: lead.userId, coachUserId: coord.userId, phase: 'support' });
  trajB = await insertTrajectory(t.db, org.orgId, { locationId: helmond, leadVolunteerId: otherLead.userId, phase: 'support', parentUserId: otherParent.userId });
  // The parent's full name is in the application; it must never appear in a mail.
  await t.db.query(`insert into application_people (org_id, application_id, id, position, relation, first_name, last_name, email) values ($1, $2, $3, 0, 'parent', 'Marieke', 'Oosterhuis', 'm@example.org')`, [
    org.orgId,
    trajA.applicationId,
    uuidv7(),
  ]);
});
afterAll(async () => t?.close());

describe('inviting the parent (coordinator)', () => {
  let parentEmail: string;
  let parent: SignedIn;

  it('not yet → invited → accepted: the new account is linked to the family and sees it', async () => {
    expect((await api('GET', `/trajectories/${trajA.id}/parent-account`, coord)).json()).toMatchObject({ status: 'none' });
    parentEmail = `ouder.portaal.${Date.now()}@example.org`;
    const invited = await api('POST', `/trajectories/${trajA.id}/parent-invitation`, coord, { email: parentEmail });
    expect(invited.statusCode).toBe(201);
    expect(invited.json()).toMatchObject({ status: 'invited', email: parentEmail });
    expect((await api('GET', `/trajectories/${trajA.id}/parent-account`, coord)).json()).toMatchObject({ status: 'invited', email: parentEmail });

    const mails = await mailsTo(t.config.dataDir, parentEmail);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    for (const secret of ['Marieke', 'Oosterhuis', 'Gezinsportaal', 'Helmond', 'M. O.', 'Marieke O.']) expect(mail.text).not.toContain(secret);
    expect(mail.subject).not.toContain('Marieke');
    const { token } = tokenFromMail(mail, 'invitation');

    const b = new Browser(t.app);
    const info = await b.call('POST', '/auth/invitations/inspect', { token });
    expect(info.json()).toMatchObject({ role: 'parent', displayName: 'Marieke O.' });
    const accepted = await b.call('POST', '/auth/invitations/accept', { token, password: GOOD_PASSWORD });
    expect(accepted.status).toBe(200);
    expect(accepted.json().next).toBe('done');
    const session = (await b.call('GET', '/auth/session')).json().user;
    expect(session.role).toBe('parent');
    parent = asSignedIn(b, session.id);

    const [app] = await t.db.query<{ parent_user_id: string }>(`select parent_user_id::text from applications where org_id = $1 and id = $2`, [org.orgId, trajA.applicationId]);
    expect(app!.parent_user_id).toBe(session.id);
    const linked = await t.db.query<{ reason: string }>(`select reason from audit_events where org_id = $1 and resource_type = 'application' and resource_id = $2 and action = 'update'`, [org.orgId, trajA.applicationId]);
    expect(linked.map((e) => e.reason)).toContain('parent_account_linked');
    expect((await api('GET', `/trajectories/${trajA.id}/parent-account`, coord)).json()).toMatchObject({ status: 'active', email: parentEmail });

    const home = await api('GET', '/me/family', parent);
    expect(home.statusCode).toBe(200);
    expect(home.json().families).toHaveLength(1);
    expect(home.json().families[0]).toMatchObject({ applicationId: trajA.applicationId, trajectory: { id: trajA.id, phase: 'support' } });
    expect(home.json().families[0].trajectory.volunteer.name).toMatch(/^Test volunteer/);
    expect(home.json().families[0].trajectory.coordinator.name).toMatch(/^Test coordinator/);
  });

  it('refuses a family that already has an account, an address in use, a volunteer, and another location without a reason', async () => {
    const again = await api('POST', `/trajectories/${trajA.id}/parent-invitation`, coord, { email: `nog.een.${Date.now()}@example.org` });
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toBe('urn:naast:problem:parent_already_linked');
    const other = await insertTrajectory(t.db, org.orgId, { locationId: org.locationIds.Helmond!, leadVolunteerId: lead.userId, phase: 'clarifying' });
    const taken = await api('POST', `/trajectories/${other.id}/parent-invitation`, coord, { email: parentEmail });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().type).toBe('urn:naast:problem:parent_email_taken');
    // An address with an open invitation from the users admin is not taken over.
    const staffInvite = `collega.${Date.now()}@example.org`;
    const admin = await signInAs(t.db, org, 'admin');
    expect((await api('POST', '/users/invitations', admin, { email: staffInvite, displayName: 'Collega', role: 'volunteer', locationIds: [org.locationIds.Helmond!] })).statusCode).toBe(201);
    const busy = await api('POST', `/trajectories/${other.id}/parent-invitation`, coord, { email: staffInvite });
    expect(busy.statusCode).toBe(409);
    expect(busy.json().type).toBe('urn:naast:problem:parent_email_taken');
    expect((await api('POST', `/trajectories/${other.id}/parent-invitation`, lead, { email: `v.${Date.now()}@example.org` })).statusCode).toBe(404);
    const elsewhere = await api('POST', `/trajectories/${other.id}/parent-invitation`, otherCoord, { email: `w.${Date.now()}@example.org` });
    expect(elsewhere.statusCode).toBe(403);
    const bad = await api('POST', `/trajectories/${other.id}/parent-invitation`, coord, { email: 'geen-adres', extra: 1 });
    expect(bad.statusCode).toBe(400);
    const invitations = await t.db.query<{ n: number }>(`select count(*)::int as n from invitations where org_id = $1 and link_ref = $2`, [org.orgId, `application:${other.applicationId}`]);
    expect(invitations[0]!.n).toBe(0);
  });

  it('the parent home shows meetings, agreements, the plan, deadlines, reports to review and what was shared; audited about the parent', async () => {
    const base = `/trajectories/${trajA.id}`;
    expect((await api('POST', `${base}/meetings`, lead, { title: 'Gesprek met de school', scheduledAt: new Date(Date.now() + 3 * 86_400_000).toISOString(), place: 'School' })).statusCode).toBe(201);
    expect((await api('POST', `${base}/agreements`, lead, { party: 'parent', partyName: 'Moeder', description: 'Belt de mentor', dueOn: '2030-01-10' })).statusCode).toBe(201);
    expect((await api('POST', `${base}/help-questions`, lead, { question: 'Ik wil het plan begrijpen', goal: 'Zelf het plan lezen', strengths: 'Doorzetter' })).statusCode).toBe(201);
    expect((await api('POST', `${base}/family-map`, lead, { role: 'youth_protection_worker', name: 'Jeugdbeschermer Jan', organisation: 'GI' })).statusCode).toBe(201);
    await t.db.query(`insert into deadlines (org_id, id, trajectory_id, rule_code, title, due_on) values ($1, $2, $3, 'manual', 'Hoger beroep instellen', '2030-02-01')`, [
      org.orgId,
      uuidv7(),
      trajA.id,
    ]);
    const held = (await api('POST', `${base}/meetings`, lead, { title: 'Gesprek bij de GI', scheduledAt: new Date(Date.now() - 86_400_000).toISOString(), status: 'held' })).json().id as string;
    const report = (await api('POST', `${base}/reports`, lead, { meetingId: held, body: 'Neutraal verslag.' })).json().id as string;
    expect((await api('POST', `${base}/reports/${report}/send-to-parent`, lead, {})).statusCode).toBe(200);
    const pdf = await toPdf({ title: 'Brief', sections: [{ paragraphs: ['Inhoud'] }] });
    const shown = (await upload(trajA.id, lead, pdf, 'Brief van de rechtbank')).json().id as string;
    const hidden = (await upload(trajA.id, lead, pdf, 'Interne notitie')).json().id as string;
    const before = (await mailsTo(t.config.dataDir, parentEmail)).length;
    const share = await api('POST', `${base}/documents/${shown}/share-with-parent`, lead, { shared: true });
    expect(share.statusCode).toBe(200);
    expect(share.json().sharedWithParentAt).not.toBeNull();
    // The notice says only that there is something new.
    const notices = (await mailsTo(t.config.dataDir, parentEmail)).slice(before);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.subject).toContain('Er staat iets nieuws voor u klaar in Naast');
    for (const secret of ['Brief van de rechtbank', 'Marieke', 'Oosterhuis', 'brief.pdf']) expect(notices[0]!.text).not.toContain(secret);

    const body = (await api('GET', '/me/family', parent)).json();
    // GET /me/family is sent without a Zod pass: it must already be exactly the contract (parse strips unknown keys, so equal = none).
    expect(ZMyFamily.parse(body)).toEqual(body);
    const home = body.families[0].trajectory;
    expect(home.meetings.map((m: { title: string }) => m.title)).toEqual(['Gesprek met de school']);
    expect(home.agreements.map((a: { description: string }) => a.description)).toEqual(['Belt de mentor']);
    expect(home.helpQuestions[0]).toMatchObject({ question: 'Ik wil het plan begrijpen', goal: 'Zelf het plan lezen', strengths: 'Doorzetter' });
    expect(home.familyMap[0]).toMatchObject({ role: 'youth_protection_worker', name: 'Jeugdbeschermer Jan' });
    expect(home.reportsToReview).toEqual([{ id: report, meetingTitle: 'Gesprek bij de GI', meetingAt: expect.any(String) }]);
    expect(home.deadlines).toEqual([{ id: expect.any(String), title: 'Hoger beroep instellen', dueOn: '2030-02-01' }]);
    expect(home.documents.map((d: { id: string }) => d.id)).toEqual([shown]);
    expect(home.documents.map((d: { id: string }) => d.id)).not.toContain(hidden);

    // The parent downloads what was shared, not what was not.
    const download = await api('GET', `/me/documents/${shown}/download`, parent);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await api('GET', `/me/documents/${hidden}/download`, parent)).statusCode).toBe(404);

    // Stop sharing: gone from the home and the download.
    expect((await api('POST', `${base}/documents/${shown}/share-with-parent`, lead, { shared: false })).json().sharedWithParentAt).toBeNull();
    expect((await api('GET', '/me/family', parent)).json().families[0].trajectory.documents).toEqual([]);
    expect((await api('GET', `/me/documents/${shown}/download`, parent)).statusCode).toBe(404);

    // A letter written with the parent: shared, listed, exported as PDF by the parent only.
    const created = await api('POST', `${base}/letters`, lead, { template: 'complaint' });
    expect(created.statusCode).toBe(201);
    const letterId = created.json().id as string;
    expect((await api('GET', `/me/letters/${letterId}/export?format=pdf`, parent)).statusCode).toBe(404);
    expect((await api('POST', `${base}/letters/${letterId}/share-with-parent`, lead, { shared: true })).statusCode).toBe(200);
    expect((await api('GET', `${base}/shared-with-parent`, coord)).json().letters.map((l: { id: string }) => l.id)).toEqual([letterId]);
    expect((await api('GET', '/me/family', parent)).json().families[0].trajectory.letters.map((l: { id: string }) => l.id)).toEqual([letterId]);
    const exported = await api('GET', `/me/letters/${letterId}/export?format=pdf`, parent);
    expect(exported.statusCode).toBe(200);
    expect(exported.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await api('GET', `/me/letters/${letterId}/export?format=pdf`, otherParent)).statusCode).toBe(404);

    const reads = await t.db.query<{ subject_id: string; actor_user_id: string }>(
      `select subject_id::text, actor_user_id::text from audit_events where org_id = $1 and resource_type = 'family' and action = 'read'`,
      [org.orgId],
    );
    expect(reads.length).toBeGreaterThanOrEqual(3);
    expect(reads.every((r) => r.subject_id === parent.userId && r.actor_user_id === parent.userId)).toBe(true);
  });

  it("a parent trying another family's ids gets 404, and sees only their own family", async () => {
    const pdf = await toPdf({ title: 'Brief', sections: [{ paragraphs: ['Inhoud'] }] });
    const theirs = (await upload(trajB.id, otherLead, pdf, 'Brief aan gezin B')).json().id as string;
    expect((await api('POST', `/trajectories/${trajB.id}/documents/${theirs}/share-with-parent`, otherLead, { shared: true })).statusCode).toBe(200);
    expect((await api('GET', `/me/documents/${theirs}/download`, otherParent)).statusCode).toBe(200);
    expect((await api('GET', `/me/documents/${theirs}/download`, parent)).statusCode).toBe(404);
    expect((await api('GET', `/trajectories/${trajB.id}`, parent)).statusCode).toBe(404);
    expect((await api('GET', `/trajectories/${trajB.id}/parent-account`, parent)).statusCode).toBe(404);
    expect((await api('POST', `/trajectories/${trajB.id}/documents/${theirs}/share-with-parent`, parent, { shared: false })).statusCode).toBe(404);
    const letter = await api('GET', `/me/letters/${uuidv7()}/export?format=pdf`, parent);
    expect(letter.statusCode).toBe(404);
    const own = (await api('GET', '/me/family', parent)).json().families;
    expect(own.map((f: { applicationId: string }) => f.applicationId)).toEqual([trajA.applicationId]);
    const others = (await api('GET', '/me/family', otherParent)).json().families;
    expect(others.map((f: { applicationId: string }) => f.applicationId)).toEqual([trajB.applicationId]);
    // Alternating parents over the pooled connections: each still sees only their own family.
    for (let i = 0; i < 6; i++) {
      const [who, expected] = i % 2 ? [otherParent, trajB.applicationId] : [parent, trajA.applicationId];
      const r = (await api('GET', '/me/family', who)).json();
      expect(ZMyFamily.parse(r)).toEqual(r);
      expect(r.families.map((f: { applicationId: string }) => f.applicationId)).toEqual([expected]);
    }
    // Staff have no parent home.
    expect((await api('GET', '/me/family', coord)).statusCode).toBe(404);
  });
});

describe('the prepared home statement', () => {
  it('binds the parent, the organisation and now per call: one prepared text answers every parent', async () => {
    const parentId = (await t.db.query<{ id: string }>(`select parent_user_id::text as id from applications where org_id = $1 and id = $2`, [org.orgId, trajA.applicationId]))[0]!.id;
    await t.db.withTenant(org.orgId, async (tx) => {
      const now = new Date();
      const mine = await homeStatement(tx, { orgId: org.orgId, userId: parentId, now });
      const theirs = await homeStatement(tx, { orgId: org.orgId, userId: otherParent.userId, now });
      const again = await homeStatement(tx, { orgId: org.orgId, userId: parentId, now });
      expect(mine.map((r) => r.applicationId)).toEqual([trajA.applicationId]);
      expect(theirs.map((r) => r.applicationId)).toEqual([trajB.applicationId]);
      expect(again).toEqual(mine);
      expect(mine[0]!.trajectory!.meetings.map((m) => m.title)).toEqual(['Gesprek met de school']);
      // now is a parameter too: from a week later the meeting (3 days ahead) is past.
      const later = await homeStatement(tx, { orgId: org.orgId, userId: parentId, now: new Date(now.getTime() + 7 * 86_400_000) });
      expect(later[0]!.trajectory!.meetings).toEqual([]);
      expect(later[0]!.trajectory!.agreements).toEqual(mine[0]!.trajectory!.agreements);
      // Another organisation's id finds nothing (row-level security aside, the org is a bound value).
      expect(await homeStatement(tx, { orgId: uuidv7(), userId: parentId, now })).toEqual([]);
      // On PostgreSQL the statement is prepared by name on the connection; its text holds no value.
      const prepared = await execRows<{ statement: string }>(tx, sql`select statement from pg_prepared_statements where name = 'portal_parent_home'`);
      if (t.db.kind === 'postgres') expect(prepared).toHaveLength(1);
      for (const p of prepared) for (const value of [org.orgId, parentId, otherParent.userId, now.toISOString().slice(0, 10)]) expect(p.statement).not.toContain(value);
    });
  });
});

describe('before a match', () => {
  it('shows the place in the waiting list and no trajectory', async () => {
    const waitingParent = await signInAs(t.db, org, 'parent');
    await insertFamily(t.db, org.orgId, { locationId: org.locationIds.Tilburg!, acceptedAt: new Date(Date.now() - 20 * 86_400_000) });
    const own = await insertFamily(t.db, org.orgId, { locationId: org.locationIds.Tilburg!, acceptedAt: new Date(Date.now() - 10 * 86_400_000), parentUserId: waitingParent.userId });
    const home = await api('GET', '/me/family', waitingParent);
    expect(home.statusCode).toBe(200);
    expect(ZMyFamily.parse(home.json())).toEqual(home.json());
    expect(home.json().families).toEqual([{ applicationId: own.id, reference: own.reference, applicationStatus: 'waiting', waiting: { position: 2, expectedWaitDays: expect.toBeOneOf([null, expect.any(Number)]) }, trajectory: null }]);
  });

  it('a parent without a family sees an empty home', async () => {
    const lonely = await signInAs(t.db, org, 'parent');
    expect((await api('GET', '/me/family', lonely)).json()).toEqual({ families: [] });
  });
});
