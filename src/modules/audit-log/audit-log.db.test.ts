import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../platform/audit/index.js';
import { createTestApp, createTestOrg, signInAs, type SignedIn, type TestApp, type TestOrg } from '../../../test/helpers/app.js';
import type { TAuditEvent } from '../../shared/audit.js';

let t: TestApp;
let org: TestOrg;
let orgB: TestOrg;
let admin: SignedIn;
let coordinator: SignedIn;
let subject: SignedIn;
let adminB: SignedIn;
let subjectB: SignedIn;

const api = (method: string, url: string, s: SignedIn, headers: Record<string, string> = {}) =>
  t.app.inject({ method: method as never, url: `/api/v1${url}`, headers: { ...s.headers, 'user-agent': 'vitest-audit', ...headers } });

type Page = { items: TAuditEvent[]; nextCursor: string | null };
const events = async (query: string, s: SignedIn = admin): Promise<Page> => {
  const res = await api('GET', `/audit-events${query}`, s);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Page;
};

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t.db, 'Stichting Logboek');
  orgB = await createTestOrg(t.db, 'Stichting Elders');
  admin = await signInAs(t.db, org, 'admin');
  coordinator = await signInAs(t.db, org, 'coordinator');
  subject = await signInAs(t.db, org, 'volunteer');
  adminB = await signInAs(t.db, orgB, 'admin');
  subjectB = await signInAs(t.db, orgB, 'volunteer');
  // Some history: two reads by the admin, one by the coordinator, one list, and activity in the other organisation.
  for (const s of [admin, coordinator, admin]) expect((await api('GET', `/users/${subject.userId}`, s)).statusCode).toBe(200);
  expect((await api('GET', '/users', admin)).statusCode).toBe(200);
  expect((await api('GET', `/users/${subjectB.userId}`, adminB)).statusCode).toBe(200);
});
afterAll(async () => t?.close());

describe('reading the audit trail', () => {
  it("shows who read whose data, newest first, with names, roles and network data", async () => {
    const page = await events(`?subjectId=${subject.userId}`);
    const reads = page.items.filter((e) => e.resourceType === 'user');
    // events of the same millisecond have no meaningful order among themselves
    expect(reads.map((e) => e.actor.id).sort()).toEqual([admin.userId, coordinator.userId, admin.userId].sort());
    expect(reads.find((e) => e.actor.id === coordinator.userId)).toMatchObject({
      action: 'read',
      resourceId: subject.userId,
      actor: { id: coordinator.userId, role: 'coordinator', displayName: expect.stringMatching(/^Test coordinator/) },
      subject: { id: subject.userId, displayName: expect.stringMatching(/^Test volunteer/) },
      userAgent: 'vitest-audit',
      reason: null,
    });
    expect(reads[0]!.ip).toBeTruthy();
    const times = page.items.map((e) => e.occurredAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('filters by actor, action and resource type', async () => {
    const byCoordinator = await events(`?actorUserId=${coordinator.userId}`);
    expect(byCoordinator.items.length).toBeGreaterThan(0);
    expect(byCoordinator.items.every((e) => e.actor.id === coordinator.userId)).toBe(true);
    const lists = await events(`?action=list&resourceType=user`);
    expect(lists.items.length).toBeGreaterThan(0);
    expect(lists.items.every((e) => e.action === 'list' && e.resourceType === 'user' && e.subject === null)).toBe(true);
  });

  it('reading the trail is itself an event', async () => {
    await events(`?subjectId=${subject.userId}&limit=1`);
    const [row] = await t.db.query<{ actor_user_id: string; subject_id: string; action: string }>(
      `select actor_user_id::text, subject_id::text, action from audit_events where org_id = $1 and resource_type = 'audit_log' order by occurred_at desc, id desc limit 1`,
      [org.orgId],
    );
    expect(row).toEqual({ actor_user_id: admin.userId, subject_id: subject.userId, action: 'read' });
    const seen = await events('?resourceType=audit_log');
    expect(seen.items.length).toBeGreaterThan(0);
  });

  it('pages with a stable cursor: every event exactly once, even while reading adds new events', async () => {
    const expected = (
      await t.db.query<{ id: string }>(`select id::text from audit_events where org_id = $1 order by occurred_at desc, id desc`, [org.orgId])
    ).map((r) => r.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let n = 0;
    do {
      const page = await events(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor && ++n < 100);
    expect(seen).toEqual(expected);
  });

  it('from is inclusive and to exclusive', async () => {
    const [pivot] = await t.db.query<{ id: string; at: Date }>(
      `select id::text, occurred_at as at from audit_events where org_id = $1 and subject_id = $2 and resource_type = 'user' order by occurred_at, id limit 1`,
      [org.orgId, subject.userId],
    );
    const at = encodeURIComponent(new Date(pivot!.at).toISOString());
    expect((await events(`?subjectId=${subject.userId}&from=${at}&limit=200`)).items.map((e) => e.id)).toContain(pivot!.id);
    expect((await events(`?subjectId=${subject.userId}&to=${at}&limit=200`)).items.map((e) => e.id)).not.toContain(pivot!.id);
  });

  it('keeps each organisation to its own trail', async () => {
    const mine = await events('?limit=200');
    const foreignActors = new Set([adminB.userId, subjectB.userId]);
    expect(mine.items.some((e) => foreignActors.has(e.actor.id ?? '') || e.subject?.id === subjectB.userId)).toBe(false);
    expect((await events(`?subjectId=${subjectB.userId}`)).items).toEqual([]);
    const theirs = await events(`?subjectId=${subjectB.userId}`, adminB);
    expect(theirs.items.filter((e) => e.resourceType === 'user').map((e) => e.actor.id)).toEqual([adminB.userId]);
  });

  it('is for admins only', async () => {
    for (const s of [coordinator, subject, await signInAs(t.db, org, 'parent'), await signInAs(t.db, org, 'funder')]) {
      const res = await api('GET', '/audit-events', s);
      expect(res.statusCode).toBe(404);
      expect(res.json().type).toBe('urn:naast:problem:not_found');
    }
  });

  it('refuses malformed filters and cursors with a field error', async () => {
    for (const q of ['?cursor=abc', '?action=peek', '?from=yesterday', '?subjectId=1', '?limit=0', '?foo=1']) {
      const res = await api('GET', `/audit-events${q}`, admin);
      expect(res.statusCode, q).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    const reversed = await api('GET', `/audit-events?from=2025-01-02T00:00:00Z&to=2025-01-01T00:00:00Z`, admin, { 'accept-language': 'en' });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().errors).toEqual([{ field: 'querystring.to', code: 'range_reversed', message: 'The end date must be after the start date.' }]);
  });

  it('the chain still verifies', async () => {
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });
});
