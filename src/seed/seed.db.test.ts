import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db.js';
import { configurePasswordHashing, verifyPassword } from '../platform/auth/passwords.js';
import { verifyAudit } from '../platform/audit/index.js';
import { rowsOf } from '../platform/db/index.js';
import { BENCH_PASSWORD, loadMunicipalities, planSeed, SeedConflictError, seedDatabase, type SeedResult } from './index.js';

let db: TestDatabase;
let res: SeedResult;
const now = new Date('2026-03-10T09:30:00Z');

beforeAll(async () => {
  configurePasswordHashing({ memoryCost: 8192, timeCost: 1 });
  db = await createTestDatabase();
  res = await seedDatabase(db, { scale: 'org', seed: 11, auditLanes: 4, now });
}, 120_000);
afterAll(async () => db.drop());

describe('seedDatabase (scale org)', () => {
  it('writes exactly the deterministic plan: same ids, one organisation with its work area and every account', async () => {
    const [plan] = planSeed({ scale: 'org', seed: 11, municipalities: await loadMunicipalities(db) });
    expect(res.orgIds).toEqual([plan!.orgId]);
    const counts = await db.query<{ role: string; n: number }>('select role, count(*)::int as n from users where org_id = $1 group by role order by role', [plan!.orgId]);
    expect(Object.fromEntries(counts.map((c) => [c.role, c.n]))).toEqual({
      admin: plan!.admins.length,
      coordinator: plan!.coordinators.length,
      funder: plan!.funders.length,
      parent: plan!.trajectories.length,
      volunteer: plan!.volunteers.length,
    });
    expect(res.counts.users).toBe(counts.reduce((s, c) => s + c.n, 0));
    expect(res.counts.trajectoriesPlanned).toBe(plan!.trajectories.length);
    const ids = await db.query<{ id: string }>(`select id::text from users where org_id = $1 and role = 'parent' order by id`, [plan!.orgId]);
    expect(ids.map((r) => r.id)).toEqual(plan!.parents.map((p) => p.id).sort());
    const [dir] = await db.query<{ n: number }>('select count(*)::int as n from login_directory where org_id = $1', [plan!.orgId]);
    expect(dir!.n).toBe(res.counts.users);
    const area = await db.query<{ n: number }>('select count(*)::int as n from work_area where org_id = $1', [plan!.orgId]);
    expect(area[0]!.n).toBe(plan!.workArea.length);
    // coordinators and volunteers work at a location
    const [unplaced] = await db.query<{ n: number }>(
      `select count(*)::int as n from users u where u.org_id = $1 and u.role in ('coordinator', 'volunteer')
          and not exists (select 1 from user_locations ul where ul.org_id = u.org_id and ul.user_id = u.id)`,
      [plan!.orgId],
    );
    expect(unplaced!.n).toBe(0);
  });

  it('one sample user per role, all signing in with the bench password', async () => {
    expect(res.sampleUsers.map((u) => u.role)).toEqual(['admin', 'coordinator', 'volunteer', 'parent', 'funder']);
    expect(res.password).toBe(BENCH_PASSWORD);
    const [row] = await db.query<{ password_hash: string }>('select password_hash from users where org_id = $1 and id = $2', [res.orgIds[0], res.sampleUserIds[3]]);
    expect(await verifyPassword(row!.password_hash, BENCH_PASSWORD)).toBe(true);
    const [hashes] = await db.query<{ n: number }>('select count(distinct password_hash)::int as n from users');
    expect(hashes!.n).toBe(1); // hashed once, reused
  });

  it('writes the audit chain heads; the trail verifies; tenant isolation holds for seeded data', async () => {
    const [heads] = await db.query<{ n: number }>('select count(*)::int as n from audit_chain_heads where org_id = $1', [res.orgIds[0]]);
    expect(heads!.n).toBe(4);
    expect(await verifyAudit(db)).toMatchObject({ ok: true, orgsChecked: 1 });
    const seen = await db.withTenant('01930000-0000-7000-8000-000000000000', async (tx) => rowsOf(await tx.execute(sql`select count(*)::int as n from users`)));
    expect(seen).toEqual([{ n: 0 }]);
  });

  it('writes the families: applications in every state, within the expected ranges', async () => {
    const [plan] = planSeed({ scale: 'org', seed: 11, municipalities: await loadMunicipalities(db) });
    const rows = await db.query<{ status: string; n: number }>('select status, count(*)::int as n from applications where org_id = $1 group by status', [plan!.orgId]);
    const n = Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<string, number>;
    expect(n.matched).toBe(plan!.trajectories.length);
    expect(n.new).toBeGreaterThanOrEqual(4);
    expect(n.new).toBeLessThanOrEqual(14);
    expect(n.contacted).toBeGreaterThanOrEqual(6);
    expect(n.contacted).toBeLessThanOrEqual(18);
    expect(n.waiting! + n.matching!).toBeGreaterThanOrEqual(20);
    expect(n.waiting! + n.matching!).toBeLessThanOrEqual(60);
    expect(n.referred! + n.declined!).toBeGreaterThan(plan!.trajectories.length * 0.1);
    expect(n.referred! + n.declined!).toBeLessThan(plan!.trajectories.length * 0.2);
    expect(n.merged).toBeGreaterThan(0);
    expect(res.counts.applications).toEqual(n);
    const [t] = await db.query<{ trajectories: number; matched: number; accepted: number; running: number }>(
      `select (select count(*)::int from trajectories where org_id = $1) as trajectories,
              (select count(*)::int from applications a join trajectories t on t.org_id = a.org_id and t.application_id = a.id where a.org_id = $1 and a.status = 'matched') as matched,
              (select count(*)::int from matches m join trajectories t on t.org_id = m.org_id and t.application_id = m.application_id and t.lead_volunteer_id = m.volunteer_user_id
                 where m.org_id = $1 and m.status = 'accepted') as accepted,
              (select count(*)::int from trajectories where org_id = $1 and ended_at is null) as running`,
      [plan!.orgId],
    );
    expect(t).toMatchObject({ trajectories: plan!.trajectories.length, matched: plan!.trajectories.length, accepted: plan!.trajectories.length });
    expect(t!.running).toBeGreaterThan(50);
    // every application has a parent/carer and a child; intakes for every decided application
    const [missing] = await db.query<{ people: number; children: number; intakes: number }>(
      `select count(*) filter (where not exists (select 1 from application_people p where p.org_id = a.org_id and p.application_id = a.id))::int as people,
              count(*) filter (where not exists (select 1 from application_children c where c.org_id = a.org_id and c.application_id = a.id))::int as children,
              count(*) filter (where a.status in ('waiting', 'matching', 'matched', 'referred', 'declined')
                                 and not exists (select 1 from intakes i where i.org_id = a.org_id and i.application_id = a.id))::int as intakes
         from applications a where a.org_id = $1`,
      [plan!.orgId],
    );
    expect(missing).toEqual({ people: 0, children: 0, intakes: 0 });
  });

  it('first contact is due after the application came in; the inbox deadlines lie around now', async () => {
    const [r] = await db.query<{ bad: number; overdue: number; upcoming: number; future: number }>(
      `select count(*) filter (where first_contact_due_at <= received_at)::int as bad,
              count(*) filter (where status = 'new' and first_contact_due_at < $2)::int as overdue,
              count(*) filter (where status = 'new' and first_contact_due_at >= $2)::int as upcoming,
              count(*) filter (where received_at > $2)::int as future
         from applications where org_id = $1`,
      [res.orgIds[0], now],
    );
    expect(r).toMatchObject({ bad: 0, future: 0 });
    expect(r!.overdue).toBeGreaterThan(0);
    expect(r!.upcoming).toBeGreaterThan(0);
  });

  it('caseloads: never above the maximum, and equal to running trajectories plus pending proposals', async () => {
    const rows = await db.query<{ user_id: string; active: number; max: number; load: number }>(
      `select p.user_id::text, p.active_families as active, p.max_families as max,
              (select count(*)::int from trajectories t where t.org_id = p.org_id and t.lead_volunteer_id = p.user_id and t.ended_at is null)
            + (select count(*)::int from matches m where m.org_id = p.org_id and m.volunteer_user_id = p.user_id and m.status = 'pending') as load
         from volunteer_profiles p where p.org_id = $1`,
      [res.orgIds[0]],
    );
    expect(rows.length).toBe(res.counts.byRole.volunteer);
    expect(rows.filter((r) => r.active > r.max || r.max > 3 || r.active !== r.load)).toEqual([]);
    expect(Math.max(...rows.map((r) => r.active))).toBe(3);
  });

  it('unique references A-<year>-<n>, counters at the highest number, match keys filled', async () => {
    const [r] = await db.query<{ bad_ref: number; no_key: number }>(
      `select count(*) filter (where reference !~ '^A-[0-9]{4}-[0-9]{5}$')::int as bad_ref, count(*) filter (where match_key !~ '^GM[0-9]{4}[|][a-z]')::int as no_key
         from applications where org_id = $1`,
      [res.orgIds[0]],
    );
    expect(r).toEqual({ bad_ref: 0, no_key: 0 });
    const counters = await db.query<{ year: number; last: number; highest: number; n: number }>(
      `select c.year, c.last, max(substr(a.reference, 8)::int)::int as highest, count(a.*)::int as n
         from application_counters c join applications a on a.org_id = c.org_id and a.reference like 'A-' || c.year || '-%'
        where c.org_id = $1 group by c.year, c.last order by c.year`,
      [res.orgIds[0]],
    );
    expect(counters.length).toBeGreaterThanOrEqual(10);
    for (const c of counters) expect([c.last, c.n]).toEqual([c.highest, c.highest]);
    const [all] = await db.query<{ n: number }>('select count(*)::int as n from applications where org_id = $1', [res.orgIds[0]]);
    expect(counters.reduce((s, c) => s + c.n, 0)).toBe(all!.n);
  });

  it('trajectory work: every row written, the kept totals equal their contacts', async () => {
    const orgId = res.orgIds[0];
    const [n] = await db.query<Record<string, number>>(
      `select (select count(*)::int from trajectory_phase_events where org_id = $1) as "phaseEvents",
              (select count(*)::int from family_map_members where org_id = $1) as "familyMap",
              (select count(*)::int from help_questions where org_id = $1) as "helpQuestions",
              (select count(*)::int from self_reliance_scores where org_id = $1) as scores,
              (select count(*)::int from meetings where org_id = $1) as meetings,
              (select count(*)::int from trajectory_contacts where org_id = $1) as contacts,
              (select count(*)::int from agreements where org_id = $1) as agreements,
              (select count(*)::int from child_measures where org_id = $1) as measures,
              (select count(*)::int from court_decisions where org_id = $1) as decisions,
              (select count(*)::int from deadlines where org_id = $1) as deadlines,
              (select count(*)::int from documents where org_id = $1) as documents`,
      [orgId],
    );
    expect(n).toEqual(res.counts.trajectoryWork);
    expect(res.counts.trajectoryWork.contacts).toBeGreaterThan(res.counts.trajectories);
    expect(res.counts.trajectoryWork.deadlines).toBeGreaterThan(0);
    expect(res.counts.trajectoryWork.documents).toBeGreaterThan(0);
    const [bad] = await db.query<{ n: number }>(
      `select count(*)::int as n from trajectories t
         left join lateral (select coalesce(sum(volunteer_minutes), 0)::int as v, coalesce(sum(professional_minutes), 0)::int as p, max(occurred_on) as last
                              from trajectory_contacts c where c.org_id = t.org_id and c.trajectory_id = t.id) c on true
        where t.org_id = $1 and (t.volunteer_minutes <> c.v or t.professional_minutes <> c.p or t.last_contact_on is distinct from c.last)`,
      [orgId],
    );
    expect(bad!.n).toBe(0);
  });

  it('refuses to write the same seed twice', async () => {
    await expect(seedDatabase(db, { scale: 'org', seed: 11 })).rejects.toThrow(SeedConflictError);
  });
});
