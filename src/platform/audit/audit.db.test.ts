import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase, dbFailure, type TestDatabase } from '../../../test/helpers/db.js';
import { createOrganisation } from '../../modules/organisations/public.js';
import { locations } from '../../modules/organisations/tables.js';
import { uuidv7 } from '../db/ids.js';
import { ensureAuditHeads, recordAudit, verifyAudit } from './index.js';

let db: TestDatabase;
let orgA: string;
let orgB: string;

beforeAll(async () => {
  db = await createTestDatabase();
  orgA = (await createOrganisation(db, { name: 'A' })).orgId;
  orgB = (await createOrganisation(db, { name: 'B' })).orgId;
});
afterAll(async () => db.drop());

const entry = (orgId: string, i: number) => ({
  orgId, actorUserId: uuidv7(), actorRole: 'coordinator', subjectId: uuidv7(), action: 'read' as const,
  resourceType: 'user', resourceId: String(i), ip: '127.0.0.1', userAgent: 'vitest "quoted" <b>ua</b>',
});

describe('audit trail', () => {
  it('chains concurrent events per organisation and verifies', async () => {
    await Promise.all(Array.from({ length: 60 }, (_, i) => db.withTenant(i % 2 ? orgA : orgB, (tx) => recordAudit(tx, entry(i % 2 ? orgA : orgB, i)))));
    const res = await verifyAudit(db);
    expect(res.ok).toBe(true);
    expect(res.eventsChecked).toBe(60);
    const n = await db.withTenant(orgA, async (tx) => (await tx.execute(sql`select count(*)::int as n from audit_events`)) as unknown as { rows: Array<{ n: number }> });
    expect(n.rows[0]!.n).toBe(30);
  });

  it('an event rolls back with the change it describes', async () => {
    const before = (await verifyAudit(db, orgA)).eventsChecked;
    const failure = await dbFailure(
      db.withTenant(orgA, async (tx) => {
        await recordAudit(tx, entry(orgA, 999));
        await tx.insert(locations).values({ orgId: orgA, id: 'not-a-uuid', name: 'x' });
      }),
    );
    expect(failure).toMatch(/invalid input syntax for type uuid/);
    const after = await verifyAudit(db, orgA);
    expect(after.ok).toBe(true);
    expect(after.eventsChecked).toBe(before);
  });

  it('the app role may not update or delete audit events', async () => {
    expect(await dbFailure(db.withTenant(orgA, (tx) => tx.execute(sql`update audit_events set reason = 'x'`)))).toMatch(/permission denied/);
    expect(await dbFailure(db.withTenant(orgA, (tx) => tx.execute(sql`delete from audit_events`)))).toMatch(/permission denied/);
    expect(await dbFailure(db.withTenant(orgA, (tx) => tx.execute(sql`truncate audit_events`)))).toMatch(/permission denied/);
  });

  it('detects a changed event and a deleted event (tampering by the owner)', async () => {
    const [victim] = await db.query<{ lane: number; seq: string }>(`select lane, seq::text from audit_events where org_id = $1 order by lane, seq limit 1`, [orgB]);
    await db.query(`update audit_events set resource_id = 'tampered' where org_id = $1 and lane = $2 and seq = $3`, [orgB, victim!.lane, victim!.seq]);
    const changed = await verifyAudit(db, orgB);
    expect(changed.ok).toBe(false);
    expect(changed.firstBroken).toMatchObject({ orgId: orgB, lane: victim!.lane, seq: Number(victim!.seq), problem: expect.stringMatching(/content/) });

    const [last] = await db.query<{ lane: number; seq: string }>(`select lane, max(seq)::text as seq from audit_events where org_id = $1 group by lane order by lane limit 1`, [orgA]);
    await db.query(`delete from audit_events where org_id = $1 and lane = $2 and seq = $3`, [orgA, last!.lane, last!.seq]);
    const removed = await verifyAudit(db, orgA);
    expect(removed.ok).toBe(false);
    expect(removed.firstBroken?.problem).toMatch(/removed|missing/);
  });
  it('verifies a lane with more than nine events (sequence numbers compare as numbers, not text)', async () => {
    // One lane only: every event lands in lane 0, so it reaches seq 10, 11, … (text order would put 10 before 2).
    const orgC = uuidv7();
    await db.withSystem(async (tx) => {
      await tx.execute(sql`insert into organisations (org_id, name) values (${orgC}, 'C')`);
      await ensureAuditHeads(tx, orgC, 1);
    });
    for (let i = 0; i < 25; i++) await db.withTenant(orgC, (tx) => recordAudit(tx, entry(orgC, i)));
    const res = await verifyAudit(db, orgC);
    expect(res).toEqual({ ok: true, orgsChecked: 1, eventsChecked: 25 });
  });
});
