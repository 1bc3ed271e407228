import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../platform/audit/index.js';
import { createTestApp, createTestOrg, signInAs, type SignedIn, type TestApp, type TestOrg } from '../../../test/helpers/app.js';

/**
 * Issue 3 relationship policy on GET /users/:id (a user's locations are its user_locations):
 * coordinators read records of their own locations freely and of other locations only with a
 * stated reason (break-the-glass), which the audit event keeps.
 */
let t: TestApp;
let org: TestOrg;
let orgB: TestOrg;
let admin: SignedIn;
let coordinator: SignedIn; // Helmond
let helmondVolunteer: SignedIn;
let tilburgCoordinator: SignedIn;

const REASON = 'Waarneming voor collega in Tilburg tijdens verlof';
const UA = 'vitest-break-the-glass';

const read = (s: SignedIn, userId: string, query = '', headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url: `/api/v1/users/${userId}${query}`, headers: { ...s.headers, 'user-agent': UA, ...headers } });

const readEvents = (subjectId: string) =>
  t.db.query<{ actor_user_id: string; actor_role: string; subject_id: string; resource_type: string; resource_id: string; reason: string | null; user_agent: string }>(
    `select actor_user_id::text, actor_role, subject_id::text, resource_type, resource_id, reason, user_agent
       from audit_events where org_id = $1 and action = 'read' and subject_id = $2 order by occurred_at, id`,
    [org.orgId, subjectId],
  );

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t.db, 'Stichting Relaties');
  orgB = await createTestOrg(t.db, 'Stichting Elders');
  admin = await signInAs(t.db, org, 'admin');
  coordinator = await signInAs(t.db, org, 'coordinator', { locationIds: [org.locationIds.Helmond!] });
  helmondVolunteer = await signInAs(t.db, org, 'volunteer', { locationIds: [org.locationIds.Helmond!] });
  tilburgCoordinator = await signInAs(t.db, org, 'coordinator', { locationIds: [org.locationIds.Tilburg!] });
});
afterAll(async () => t?.close());

describe('coordinator within their location', () => {
  it('reads a volunteer of the same location without a reason; the event has no reason', async () => {
    const res = await read(coordinator, helmondVolunteer.userId);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: helmondVolunteer.userId, locationIds: [org.locationIds.Helmond] });
    expect(await readEvents(helmondVolunteer.userId)).toEqual([
      { actor_user_id: coordinator.userId, actor_role: 'coordinator', subject_id: helmondVolunteer.userId, resource_type: 'user', resource_id: helmondVolunteer.userId, reason: null, user_agent: UA },
    ]);
  });

  it('reads someone at several locations when one of them is theirs, and records without a location', async () => {
    const both = await signInAs(t.db, org, 'volunteer', { locationIds: [org.locationIds.Tilburg!, org.locationIds.Helmond!] });
    expect((await read(coordinator, both.userId)).statusCode).toBe(200);
    // an admin account tied to no location belongs to no other coordinator
    expect((await read(coordinator, admin.userId)).statusCode).toBe(200);
    expect((await read(coordinator, coordinator.userId)).statusCode).toBe(200);
  });

  it('does not store a reason that was not needed', async () => {
    const subject = await signInAs(t.db, org, 'volunteer', { locationIds: [org.locationIds.Helmond!] });
    expect((await read(coordinator, subject.userId, `?reason=${encodeURIComponent(REASON)}`)).statusCode).toBe(200);
    expect((await readEvents(subject.userId)).map((e) => e.reason)).toEqual([null]);
  });
});

describe('coordinator outside their location (break-the-glass)', () => {
  it('without a reason: 403 reason_required in Dutch and English, and nothing is read or logged', async () => {
    const nl = await read(coordinator, tilburgCoordinator.userId);
    expect(nl.statusCode).toBe(403);
    expect(nl.headers['content-type']).toMatch(/application\/problem\+json/);
    const body = nl.json();
    expect(body).toMatchObject({ type: 'urn:naast:problem:reason_required', status: 403, title: 'Geef een reden op' });
    expect(body.detail).toContain('10 tot 500');
    expect(JSON.stringify(body)).not.toContain(tilburgCoordinator.userId);
    expect(body).not.toHaveProperty('id');

    const en = await read(coordinator, tilburgCoordinator.userId, '', { 'accept-language': 'en' });
    expect(en.statusCode).toBe(403);
    expect(en.json()).toMatchObject({ type: 'urn:naast:problem:reason_required', title: 'Give a reason' });
    expect(en.json().detail).toContain('10 to 500');

    expect(await readEvents(tilburgCoordinator.userId)).toEqual([]);
  });

  it('with a reason: 200 and the read event stores that reason (trimmed)', async () => {
    const res = await read(coordinator, tilburgCoordinator.userId, `?reason=${encodeURIComponent(`  ${REASON}  `)}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: tilburgCoordinator.userId, role: 'coordinator', locationIds: [org.locationIds.Tilburg] });
    expect(await readEvents(tilburgCoordinator.userId)).toEqual([
      { actor_user_id: coordinator.userId, actor_role: 'coordinator', subject_id: tilburgCoordinator.userId, resource_type: 'user', resource_id: tilburgCoordinator.userId, reason: REASON, user_agent: UA },
    ]);
    // the same rule the other way round
    expect((await read(tilburgCoordinator, helmondVolunteer.userId)).statusCode).toBe(403);
  });

  it('refuses a reason that is too short, too long or blank as a field error', async () => {
    for (const reason of ['te kort', '   ', 'x'.repeat(501)]) {
      const res = await read(coordinator, tilburgCoordinator.userId, `?reason=${encodeURIComponent(reason)}`);
      expect(res.statusCode, JSON.stringify(reason.slice(0, 10))).toBe(400);
      expect(res.json().errors).toEqual([expect.objectContaining({ field: 'querystring.reason' })]);
    }
    expect((await read(coordinator, tilburgCoordinator.userId, '?reason=Dringende%00zaak%20vandaag')).statusCode).toBe(400);
    expect((await read(coordinator, tilburgCoordinator.userId, `?reasons=${encodeURIComponent(REASON)}`)).statusCode).toBe(400);
  });

  it('follows location changes at once: after a move into Helmond no reason is needed', async () => {
    const mover = await signInAs(t.db, org, 'volunteer', { locationIds: [org.locationIds.Tilburg!] });
    expect((await read(coordinator, mover.userId)).statusCode).toBe(403);
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${mover.userId}`, headers: admin.headers, payload: { locationIds: [org.locationIds.Helmond] } });
    expect(patch.statusCode).toBe(200);
    expect((await read(coordinator, mover.userId)).statusCode).toBe(200);
  });

  it('a reason opens neither parent accounts nor another organisation', async () => {
    const parent = await signInAs(t.db, org, 'parent', { locationIds: [org.locationIds.Tilburg!] });
    const foreign = await signInAs(t.db, orgB, 'coordinator', { locationIds: [orgB.locationIds.Tilburg!] });
    for (const id of [parent.userId, foreign.userId]) {
      const res = await read(coordinator, id, `?reason=${encodeURIComponent(REASON)}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().type).toBe('urn:naast:problem:not_found');
      expect(await readEvents(id)).toEqual([]);
    }
  });

  it('keeps the reason out of the logs', async () => {
    const secretish = 'Reden met een uniek merkteken 7f3a9c';
    expect((await read(coordinator, tilburgCoordinator.userId, `?reason=${encodeURIComponent(secretish)}`)).statusCode).toBe(200);
    expect(t.logs.join('\n')).not.toContain('7f3a9c');
  });
});

describe('other roles', () => {
  it('admin reads any location without a reason', async () => {
    const subject = await signInAs(t.db, org, 'coordinator', { locationIds: [org.locationIds.Tilburg!] });
    const res = await read(admin, subject.userId);
    expect(res.statusCode).toBe(200);
    expect(await readEvents(subject.userId)).toEqual([expect.objectContaining({ actor_role: 'admin', reason: null })]);
  });

  it('volunteers, parents and funders get 404, with or without a reason, even for colleagues of their own location', async () => {
    const subject = await signInAs(t.db, org, 'volunteer', { locationIds: [org.locationIds.Helmond!] });
    for (const role of ['volunteer', 'parent', 'funder'] as const) {
      const s = await signInAs(t.db, org, role, { locationIds: role === 'funder' ? [] : [org.locationIds.Helmond!] });
      for (const query of ['', `?reason=${encodeURIComponent(REASON)}`]) {
        const res = await read(s, subject.userId, query);
        expect(res.statusCode, `${role} ${query}`).toBe(404);
        expect(res.json().type).toBe('urn:naast:problem:not_found');
      }
    }
    expect(await readEvents(subject.userId)).toEqual([]);
  });

  it('the audit chain stays intact', async () => {
    expect(await verifyAudit(t.db, org.orgId)).toMatchObject({ ok: true });
  });
});
