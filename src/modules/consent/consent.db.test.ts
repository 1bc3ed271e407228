import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestOrg, signInAs, type SignedIn, type TestApp, type TestOrg } from '../../../test/helpers/app.js';
import { dbFailure } from '../../../test/helpers/db.js';
import { insertTrajectory } from '../../../test/helpers/trajectories.js';
import { uuidv7 } from '../../platform/db/ids.js';
import { amsterdamDate, addDays } from '../../platform/time/working-days.js';
import { activeConsents } from './service.js';

let t: TestApp;
let org: TestOrg;
let coord: SignedIn;
let lead: SignedIn;
let otherLead: SignedIn;
let parent: SignedIn;
let otherParent: SignedIn;
let noFamilyParent: SignedIn;
let trajA: string;
let trajB: string;

const today = amsterdamDate(new Date());
const api = (method: string, url: string, s: SignedIn, payload?: unknown) =>
  t.app.inject({ method: method as never, url: `/api/v1${url}`, headers: { ...s.headers }, payload: payload as never });
const count = async (table: 'consents' | 'consent_recipients', trajectoryId: string) =>
  Number((await t.db.query<{ n: string }>(`select count(*)::text as n from ${table} where org_id = $1 and trajectory_id = $2`, [org.orgId, trajectoryId]))[0]!.n);
const events = (resourceType: string, resourceId: string) =>
  t.db.query<{ action: string; actor_user_id: string; subject_id: string | null; reason: string | null }>(
    `select action, actor_user_id::text, subject_id::text, reason from audit_events where org_id = $1 and resource_type = $2 and resource_id = $3 order by occurred_at, seq`,
    [org.orgId, resourceType, resourceId],
  );
const fields = (res: { json: () => unknown }) => ((res.json() as { errors?: Array<{ field: string }> }).errors ?? []).map((e) => e.field);

const consentBody = (recipientId: string, over: Record<string, unknown> = {}) => ({
  recipientId,
  purpose: 'Overleg over de terugplaatsing',
  categories: ['reports', 'plan'],
  validFrom: today,
  validUntil: addDays(today, 180),
  ...over,
});

async function parentRecipient(s: SignedIn, name = 'Sanne de Vries'): Promise<string> {
  const res = await api('POST', '/me/consent-recipients', s, { kind: 'youth_protection_worker', name, organisation: 'William Schrikker', email: 'sanne@example.org' });
  expect(res.statusCode).toBe(201);
  return (res.json() as { id: string }).id;
}

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t.db, 'Stichting Toestemming');
  const helmond = org.locationIds.Helmond!;
  coord = await signInAs(t.db, org, 'coordinator', { locationIds: [helmond] });
  lead = await signInAs(t.db, org, 'volunteer', { locationIds: [helmond] });
  otherLead = await signInAs(t.db, org, 'volunteer', { locationIds: [helmond] });
  parent = await signInAs(t.db, org, 'parent');
  otherParent = await signInAs(t.db, org, 'parent');
  noFamilyParent = await signInAs(t.db, org, 'parent');
  trajA = (await insertTrajectory(t.db, org.orgId, { locationId: helmond, leadVolunteerId: lead.userId, coachUserId: coord.userId, phase: 'support', parentUserId: parent.userId })).id;
  trajB = (await insertTrajectory(t.db, org.orgId, { locationId: helmond, leadVolunteerId: otherLead.userId, phase: 'support', parentUserId: otherParent.userId })).id;
});
afterAll(async () => t?.close());

describe('the parent gives, sees and withdraws a consent', () => {
  it('adds a recipient, grants a consent, lists it as active, withdraws it; every step audited with the parent as subject', async () => {
    const recipientId = await parentRecipient(parent);
    const granted = await api('POST', '/me/consents', parent, consentBody(recipientId));
    expect(granted.statusCode).toBe(201);
    const c = granted.json();
    expect(c).toMatchObject({
      trajectoryId: trajA,
      status: 'active',
      givenVia: 'portal',
      staffNote: null,
      categories: ['reports', 'plan'],
      recipient: { id: recipientId, kind: 'youth_protection_worker', name: 'Sanne de Vries', organisation: 'William Schrikker' },
      revokedAt: null,
      shares: [],
    });
    expect(c.recordedBy.role).toBe('parent');

    const mine = await api('GET', '/me/consents', parent);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().trajectoryId).toBe(trajA);
    expect(mine.json().recipients.map((r: { id: string }) => r.id)).toContain(recipientId);
    expect(mine.json().consents.find((x: { id: string }) => x.id === c.id)).toMatchObject({ status: 'active' });
    await t.db.withTenant(org.orgId, async (tx) => {
      expect((await activeConsents(tx, org.orgId, trajA, today)).map((a) => a.id)).toContain(c.id);
    });

    const revoked = await api('POST', `/me/consents/${c.id}/revoke`, parent, { note: 'Ik wil dit zelf bespreken.' });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ status: 'revoked', revokeNote: 'Ik wil dit zelf bespreken.', revokedBy: { role: 'parent' } });
    // Withdrawn: no longer active for the sharing gate, at once; still in the history.
    await t.db.withTenant(org.orgId, async (tx) => {
      expect((await activeConsents(tx, org.orgId, trajA, today)).map((a) => a.id)).not.toContain(c.id);
    });
    const after = await api('GET', '/me/consents', parent);
    expect(after.json().consents.find((x: { id: string }) => x.id === c.id)).toMatchObject({ status: 'revoked' });

    const again = await api('POST', `/me/consents/${c.id}/revoke`, parent, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toBe('urn:naast:problem:consent_already_revoked');

    const ev = await events('consent', c.id);
    expect(ev.map((e) => e.action)).toEqual(['create', 'update']);
    expect(ev.every((e) => e.subject_id === parent.userId && e.actor_user_id === parent.userId)).toBe(true);
    expect((await events('consent_recipient', recipientId)).map((e) => [e.action, e.subject_id])).toEqual([['create', parent.userId]]);
    expect((await events('consent', parent.userId)).map((e) => e.action)).toContain('list');
  });

  it('sees a consent starting later as future and one whose period ended as expired; neither is active', async () => {
    const recipientId = await parentRecipient(parent, 'Mr. Jansen');
    const future = await api('POST', '/me/consents', parent, consentBody(recipientId, { validFrom: addDays(today, 10), validUntil: addDays(today, 20) }));
    expect(future.json().status).toBe('future');
    const past = await api('POST', '/me/consents', parent, consentBody(recipientId, { validFrom: addDays(today, -20), validUntil: addDays(today, -1) }));
    expect(past.json().status).toBe('expired');
    await t.db.withTenant(org.orgId, async (tx) => {
      const ids = (await activeConsents(tx, org.orgId, trajA, today)).map((a) => a.id);
      expect(ids).not.toContain(future.json().id);
      expect(ids).not.toContain(past.json().id);
      // The period's ends count: active on its first and last day.
      expect((await activeConsents(tx, org.orgId, trajA, addDays(today, 10))).map((a) => a.id)).toContain(future.json().id);
      expect((await activeConsents(tx, org.orgId, trajA, addDays(today, 20))).map((a) => a.id)).toContain(future.json().id);
      expect((await activeConsents(tx, org.orgId, trajA, addDays(today, 21))).map((a) => a.id)).not.toContain(future.json().id);
    });
  });

  it('shows the shares made with each consent (the sharing gate writes them), also after withdrawal', async () => {
    const recipientId = await parentRecipient(parent, 'Advocaat Bakker');
    const c = (await api('POST', '/me/consents', parent, consentBody(recipientId, { categories: ['letters'] }))).json() as { id: string };
    const opened = new Date(Date.now() - 3_600_000).toISOString();
    await t.db.query(
      `insert into shares (org_id, id, trajectory_id, consent_id, recipient_id, category, resource_type, resource_id, channel, shared_by, opened_at)
       values ($1, $2, $3, $4, $5, 'letters', 'letter', $6, 'mail_link', $7, $8)`,
      [org.orgId, uuidv7(), trajA, c.id, recipientId, uuidv7(), lead.userId, opened],
    );
    const seen = (await api('GET', '/me/consents', parent)).json().consents.find((x: { id: string }) => x.id === c.id);
    expect(seen.shares).toEqual([expect.objectContaining({ category: 'letters', resourceType: 'letter', channel: 'mail_link', openedAt: opened })]);
    await api('POST', `/me/consents/${c.id}/revoke`, parent, {});
    const staff = (await api('GET', `/trajectories/${trajA}/consents`, coord)).json().items.find((x: { id: string }) => x.id === c.id);
    expect(staff).toMatchObject({ status: 'revoked' });
    expect(staff.shares).toHaveLength(1);
  });

  it('a parent without a trajectory sees an empty register and cannot give a consent', async () => {
    const mine = await api('GET', '/me/consents', noFamilyParent);
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toEqual({ trajectoryId: null, recipients: [], consents: [] });
    const add = await api('POST', '/me/consent-recipients', noFamilyParent, { kind: 'lawyer', name: 'Mr. X' });
    expect(add.statusCode).toBe(409);
    expect(add.json().type).toBe('urn:naast:problem:consent_no_trajectory');
  });
});

describe('bad input: clear errors, nothing half-saved', () => {
  it('an end before the start is a field error on validUntil', async () => {
    const recipientId = await parentRecipient(parent, 'Gemeente Helmond');
    const before = await count('consents', trajA);
    const res = await api('POST', '/me/consents', parent, consentBody(recipientId, { validFrom: addDays(today, 5), validUntil: today }));
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(['body.validUntil']);
    expect(res.json().errors[0].message).toContain('einddatum');
    expect(await count('consents', trajA)).toBe(before);
  });

  it('an unknown recipient, or another family’s, is a 422 field error on recipientId (not the foreign key’s 500)', async () => {
    const before = await count('consents', trajA);
    const unknown = await api('POST', '/me/consents', parent, consentBody(uuidv7()));
    expect(unknown.statusCode).toBe(422);
    expect(fields(unknown)).toEqual(['body.recipientId']);
    const theirs = await parentRecipient(otherParent, 'Hun advocaat');
    const foreign = await api('POST', '/me/consents', parent, consentBody(theirs));
    expect(foreign.statusCode).toBe(422);
    expect(fields(foreign)).toEqual(['body.recipientId']);
    // Staff on trajectory A with trajectory B's recipient: the same.
    const staff = await api('POST', `/trajectories/${trajA}/consents`, coord, { ...consentBody(theirs), staffNote: 'Besproken op kantoor.' });
    expect(staff.statusCode).toBe(422);
    expect(fields(staff)).toEqual(['body.recipientId']);
    expect(await count('consents', trajA)).toBe(before);
  });

  it('an unknown category, a repeated one, none at all, an empty purpose: field errors', async () => {
    const recipientId = await parentRecipient(parent, 'School De Linde');
    const before = await count('consents', trajA);
    const unknown = await api('POST', '/me/consents', parent, consentBody(recipientId, { categories: ['reports', 'medical'] }));
    expect(unknown.statusCode).toBe(400);
    expect(fields(unknown)).toEqual(['body.categories.1']);
    const twice = await api('POST', '/me/consents', parent, consentBody(recipientId, { categories: ['plan', 'plan'] }));
    expect(twice.statusCode).toBe(400);
    expect(fields(twice)).toEqual(['body.categories']);
    const none = await api('POST', '/me/consents', parent, consentBody(recipientId, { categories: [] }));
    expect(fields(none)).toEqual(['body.categories']);
    const purpose = await api('POST', '/me/consents', parent, consentBody(recipientId, { purpose: '   ' }));
    expect(fields(purpose)).toEqual(['body.purpose']);
    const long = await api('POST', '/me/consents', parent, consentBody(recipientId, { purpose: 'x'.repeat(501) }));
    expect(fields(long)).toEqual(['body.purpose']);
    const date = await api('POST', '/me/consents', parent, consentBody(recipientId, { validFrom: '2026-02-30' }));
    expect(fields(date)).toContain('body.validFrom');
    const extra = await api('POST', '/me/consents', parent, { ...consentBody(recipientId), givenVia: 'staff' });
    expect(extra.statusCode).toBe(400);
    expect(await count('consents', trajA)).toBe(before);
  });

  it('a recipient needs a known kind, a name and a valid email', async () => {
    const before = await count('consent_recipients', trajA);
    const kind = await api('POST', '/me/consent-recipients', parent, { kind: 'neighbour', name: 'Buurman' });
    expect(fields(kind)).toEqual(['body.kind']);
    const name = await api('POST', '/me/consent-recipients', parent, { kind: 'lawyer', name: 'x'.repeat(201) });
    expect(fields(name)).toEqual(['body.name']);
    const email = await api('POST', '/me/consent-recipients', parent, { kind: 'lawyer', name: 'Mr. Y', email: 'geen-adres' });
    expect(email.statusCode).toBe(400);
    expect(fields(email)).toEqual(['body.email']);
    expect(await count('consent_recipients', trajA)).toBe(before);
  });

  it('a parent trying another family’s consent gets 404 and changes nothing', async () => {
    const theirRecipient = await parentRecipient(otherParent, 'Jeugdbeschermer B');
    const theirs = (await api('POST', '/me/consents', otherParent, consentBody(theirRecipient))).json() as { id: string };
    const res = await api('POST', `/me/consents/${theirs.id}/revoke`, parent, {});
    expect(res.statusCode).toBe(404);
    expect((await api('POST', `/me/consents/${uuidv7()}/revoke`, parent, {})).statusCode).toBe(404);
    const mine = await api('GET', '/me/consents', parent);
    expect(mine.json().consents.map((c: { id: string }) => c.id)).not.toContain(theirs.id);
    expect(mine.json().recipients.map((r: { id: string }) => r.id)).not.toContain(theirRecipient);
    const still = (await api('GET', '/me/consents', otherParent)).json().consents.find((c: { id: string }) => c.id === theirs.id);
    expect(still.status).toBe('active');
    // Staff routes are not the parent's: 404 as for any permission they lack.
    expect((await api('GET', `/trajectories/${trajA}/consents`, parent)).statusCode).toBe(404);
  });
});

describe('staff: list, record a consent given in person, withdraw on instruction', () => {
  it('the coordinator adds a recipient and records a consent with the note of the conversation; without a note it is 400', async () => {
    const rec = await api('POST', `/trajectories/${trajA}/consent-recipients`, coord, { kind: 'court', name: 'Rechtbank Oost-Brabant' });
    expect(rec.statusCode).toBe(201);
    const recipientId = rec.json().id as string;
    expect(rec.json()).toMatchObject({ trajectoryId: trajA, organisation: null, email: null });

    const before = await count('consents', trajA);
    const noNote = await api('POST', `/trajectories/${trajA}/consents`, coord, consentBody(recipientId, { categories: ['reports'] }));
    expect(noNote.statusCode).toBe(400);
    expect(fields(noNote)).toEqual(['body.staffNote']);
    const blank = await api('POST', `/trajectories/${trajA}/consents`, coord, { ...consentBody(recipientId), staffNote: '  ' });
    expect(fields(blank)).toEqual(['body.staffNote']);
    expect(await count('consents', trajA)).toBe(before);

    const ok = await api('POST', `/trajectories/${trajA}/consents`, coord, { ...consentBody(recipientId, { categories: ['reports'] }), staffNote: 'Moeder gaf mondeling toestemming op 3 december.' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ givenVia: 'staff', staffNote: 'Moeder gaf mondeling toestemming op 3 december.', status: 'active', recordedBy: { role: 'coordinator' } });
    const ev = await events('consent', ok.json().id);
    expect(ev).toEqual([expect.objectContaining({ action: 'create', actor_user_id: coord.userId, subject_id: parent.userId })]);

    // The parent sees it too, with who recorded it.
    const mine = (await api('GET', '/me/consents', parent)).json().consents.find((c: { id: string }) => c.id === ok.json().id);
    expect(mine).toMatchObject({ givenVia: 'staff', recordedBy: { role: 'coordinator' } });

    const list = await api('GET', `/trajectories/${trajA}/consents`, coord);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((c: { id: string }) => c.id)).toContain(ok.json().id);
    const recipients = await api('GET', `/trajectories/${trajA}/consent-recipients`, coord);
    expect(recipients.json().items.map((r: { id: string }) => r.id)).toContain(recipientId);
  });

  it('the lead volunteer can list but not record (404); another volunteer cannot even list', async () => {
    const list = await api('GET', `/trajectories/${trajA}/consents`, lead);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.length).toBeGreaterThan(0);
    expect((await api('GET', `/trajectories/${trajA}/consent-recipients`, lead)).statusCode).toBe(200);
    const recipientId = (await api('GET', `/trajectories/${trajA}/consent-recipients`, lead)).json().items[0].id;
    const before = await count('consents', trajA);
    const rec = await api('POST', `/trajectories/${trajA}/consents`, lead, { ...consentBody(recipientId), staffNote: 'Mondeling.' });
    expect(rec.statusCode).toBe(404);
    expect((await api('POST', `/trajectories/${trajA}/consent-recipients`, lead, { kind: 'school', name: 'School' })).statusCode).toBe(404);
    const active = list.json().items.find((c: { status: string }) => c.status === 'active');
    expect((await api('POST', `/trajectories/${trajA}/consents/${active.id}/revoke`, lead, { note: 'Op verzoek.' })).statusCode).toBe(404);
    expect(await count('consents', trajA)).toBe(before);
    expect((await api('GET', `/trajectories/${trajA}/consents`, otherLead)).statusCode).toBe(404);
  });

  it('the coordinator withdraws on the parent’s instruction with a note; twice is 409; another trajectory’s consent is 404', async () => {
    const list = (await api('GET', `/trajectories/${trajA}/consents`, coord)).json().items as Array<{ id: string; status: string }>;
    const active = list.find((c) => c.status === 'active')!;
    const noNote = await api('POST', `/trajectories/${trajA}/consents/${active.id}/revoke`, coord, {});
    expect(fields(noNote)).toEqual(['body.note']);
    const res = await api('POST', `/trajectories/${trajA}/consents/${active.id}/revoke`, coord, { note: 'Moeder belde: intrekken.' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'revoked', revokeNote: 'Moeder belde: intrekken.', revokedBy: { role: 'coordinator' } });
    expect((await api('POST', `/trajectories/${trajA}/consents/${active.id}/revoke`, coord, { note: 'Nog eens.' })).statusCode).toBe(409);
    // A consent of trajectory A addressed under trajectory B's path: not found.
    const admin = await signInAs(t.db, org, 'admin');
    const other = list.find((c) => c.status !== 'revoked' && c.id !== active.id);
    expect(other).toBeDefined();
    expect((await api('POST', `/trajectories/${trajB}/consents/${other!.id}/revoke`, admin, { note: 'Fout pad.' })).statusCode).toBe(404);
  });

  it('a coordinator elsewhere needs a reason (break-the-glass), kept in the audit event', async () => {
    const elsewhere = await signInAs(t.db, org, 'coordinator', { locationIds: [org.locationIds.Tilburg!] });
    const without = await api('GET', `/trajectories/${trajA}/consents`, elsewhere);
    expect(without.statusCode).toBe(403);
    expect(without.json().type).toBe('urn:naast:problem:reason_required');
    const reason = 'Collega ziek, vraag van de jeugdbeschermer';
    const withReason = await api('GET', `/trajectories/${trajA}/consents?reason=${encodeURIComponent(reason)}`, elsewhere);
    expect(withReason.statusCode).toBe(200);
    const ev = await events('consent', trajA);
    expect(ev.some((e) => e.actor_user_id === elsewhere.userId && e.reason === reason && e.subject_id === parent.userId)).toBe(true);
  });
});

describe('an ended trajectory', () => {
  it('takes no new consents or recipients (409), but a consent given before can still be withdrawn', async () => {
    const p = await signInAs(t.db, org, 'parent');
    const tid = (await insertTrajectory(t.db, org.orgId, { locationId: org.locationIds.Helmond!, leadVolunteerId: lead.userId, phase: 'support', parentUserId: p.userId })).id;
    const recipientId = await parentRecipient(p, 'Gezinsvoogd Z');
    const c = (await api('POST', '/me/consents', p, consentBody(recipientId))).json() as { id: string };
    await t.db.query(`update trajectories set phase = 'ended' where org_id = $1 and id = $2`, [org.orgId, tid]);
    const mine = await api('GET', '/me/consents', p);
    expect(mine.json().trajectoryId).toBeNull();
    expect((await api('POST', '/me/consents', p, consentBody(recipientId))).statusCode).toBe(409);
    expect((await api('POST', '/me/consent-recipients', p, { kind: 'lawyer', name: 'Mr. Q' })).statusCode).toBe(409);
    expect((await api('POST', `/trajectories/${tid}/consents`, coord, { ...consentBody(recipientId), staffNote: 'Na afloop.' })).json().type).toBe('urn:naast:problem:trajectory_ended');
    const revoked = await api('POST', `/me/consents/${c.id}/revoke`, p, {});
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().status).toBe('revoked');
  });
});

describe('history is kept', () => {
  it('the database refuses to delete a consent or change one beyond a single withdrawal', async () => {
    const [row] = await t.db.query<{ id: string; revoked: boolean }>(`select id::text, revoked_at is not null as revoked from consents where org_id = $1 and trajectory_id = $2 order by created_at limit 1`, [
      org.orgId,
      trajA,
    ]);
    expect(await dbFailure(t.db.query(`delete from consents where org_id = $1 and id = $2`, [org.orgId, row!.id]))).toContain('consent history is kept');
    expect(
      await dbFailure(t.db.withTenant(org.orgId, (tx) => tx.execute(sql`delete from consents where org_id = ${org.orgId} and id = ${row!.id}`))),
    ).toContain('consent history is kept');
    expect(await dbFailure(t.db.query(`update consents set purpose = 'iets anders' where org_id = $1 and id = $2`, [org.orgId, row!.id]))).toContain('only be revoked');
    expect(Number((await t.db.query<{ n: string }>(`select count(*)::text as n from consents where org_id = $1 and id = $2`, [org.orgId, row!.id]))[0]!.n)).toBe(1);
  });
});
