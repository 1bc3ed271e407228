import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db.js';
import { configurePasswordHashing, verifyPassword } from '../platform/auth/passwords.js';
import { verifyAudit } from '../platform/audit/index.js';
import { rowsOf } from '../platform/db/index.js';
import { BENCH_PASSWORD, loadMunicipalities, planSeed, SeedConflictError, seedDatabase, type SeedResult } from './index.js';

let db: TestDatabase;
let res: SeedResult;

beforeAll(async () => {
  configurePasswordHashing({ memoryCost: 8192, timeCost: 1 });
  db = await createTestDatabase();
  res = await seedDatabase(db, { scale: 'org', seed: 11, auditLanes: 4 });
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

  it('refuses to write the same seed twice', async () => {
    await expect(seedDatabase(db, { scale: 'org', seed: 11 })).rejects.toThrow(SeedConflictError);
  });
});
