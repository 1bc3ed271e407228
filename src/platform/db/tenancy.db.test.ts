import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestDatabase, dbFailure, type TestDatabase } from '../../../test/helpers/db.js';
import { createOrganisation } from '../../modules/organisations/public.js';
import { locations } from '../../modules/organisations/tables.js';
import { readJournal } from './migrate.js';
import { uuidv7 } from './ids.js';

let db: TestDatabase;
let orgA: string;
let orgB: string;

beforeAll(async () => {
  db = await createTestDatabase();
  orgA = (await createOrganisation(db, { name: 'A', locations: ['Helmond'] })).orgId;
  orgB = (await createOrganisation(db, { name: 'B', locations: ['Tilburg', 'Breda'] })).orgId;
});
afterAll(async () => db.drop());

describe('tenant isolation by row-level security', () => {
  it('every table with org_id has RLS enabled and the tenant policy', async () => {
    const rows = await db.query<{ table_name: string; rls: boolean; policies: number }>(`
      select c.relname as table_name, c.relrowsecurity as rls,
             (select count(*)::int from pg_policies p where p.tablename = c.relname and p.policyname = 'tenant_isolation') as policies
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind = 'r'
         and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'org_id')
         and c.relname <> 'login_directory'`);
    expect(rows.length).toBeGreaterThan(8);
    for (const r of rows) expect({ t: r.table_name, rls: r.rls, policies: r.policies }).toEqual({ t: r.table_name, rls: true, policies: 1 });
  });

  it('every tenant table leads its primary key with org_id', async () => {
    const rows = await db.query<{ table_name: string; first: string }>(`
      select c.relname as table_name, a.attname as first
        from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attnum = i.indkey[0]
       where i.indisprimary and n.nspname = 'public'
         and exists (select 1 from pg_attribute x where x.attrelid = c.oid and x.attname = 'org_id')
         and c.relname <> 'login_directory'`);
    expect(rows.length).toBeGreaterThan(8);
    for (const r of rows) expect(`${r.table_name}:${r.first}`).toBe(`${r.table_name}:org_id`);
  });

  it('a tenant transaction sees only its own rows', async () => {
    const a = await db.withTenant(orgA, (tx) => tx.select().from(locations));
    const b = await db.withTenant(orgB, (tx) => tx.select().from(locations));
    expect(a.map((l) => l.name)).toEqual(['Helmond']);
    expect(b.map((l) => l.name).sort()).toEqual(['Breda', 'Tilburg']);
  });

  it('without tenant context the app role sees nothing, even with hand-written SQL', async () => {
    const rows = await db.withSystem(async (tx) => {
      await tx.execute(sql`set local role naast_app`);
      return (await tx.execute(sql`select * from locations`)) as unknown as { rows: unknown[] };
    });
    expect(rows.rows).toHaveLength(0);
  });

  it('org A cannot read, update or delete org B rows by hand-written SQL', async () => {
    const res = await db.withTenant(orgA, async (tx) => {
      const read = (await tx.execute(sql`select * from locations where org_id = ${orgB}`)) as unknown as { rows: unknown[] };
      const upd = (await tx.execute(sql`update locations set name = 'hacked' where org_id = ${orgB} returning id`)) as unknown as { rows: unknown[] };
      const del = (await tx.execute(sql`delete from locations where org_id = ${orgB} returning id`)) as unknown as { rows: unknown[] };
      return { read: read.rows.length, upd: upd.rows.length, del: del.rows.length };
    });
    expect(res).toEqual({ read: 0, upd: 0, del: 0 });
    const b = await db.withTenant(orgB, (tx) => tx.select().from(locations));
    expect(b.map((l) => l.name).sort()).toEqual(['Breda', 'Tilburg']);
  });

  it('org A cannot insert a row into org B', async () => {
    expect(await dbFailure(db.withTenant(orgA, (tx) => tx.insert(locations).values({ orgId: orgB, id: uuidv7(), name: 'sneaky' })))).toMatch(/row-level security/);
    const b = await db.withTenant(orgB, (tx) => tx.select().from(locations).where(eq(locations.name, 'sneaky')));
    expect(b).toHaveLength(0);
  });

  it('the tenant role cannot reach the sign-in directory', async () => {
    expect(await dbFailure(db.withTenant(orgA, (tx) => tx.execute(sql`select * from login_directory`)))).toMatch(/permission denied/);
  });
});

describe('migrations', () => {
  it('journal timestamps only increase (drizzle skips older ones, drizzle issue 5769)', () => {
    const j = readJournal();
    for (let i = 1; i < j.length; i++) expect(j[i]!.when).toBeGreaterThan(j[i - 1]!.when);
  });
});

describe('the one-round-trip tenant read (session lookup path)', () => {
  it('runs under RLS as the app role and sees only its own organisation', async () => {
    const rows = await db.tenantReadInline<{ org_id: string; who: string }>(orgA, 'select org_id::text as org_id, current_user::text as who from locations');
    expect(rows.map((r) => r.org_id)).toEqual([orgA]);
    expect(rows[0]!.who).toBe('naast_app');
    // A hand-written filter on the other organisation still finds nothing.
    expect(await db.tenantReadInline(orgA, `select * from locations where org_id = '${orgB}'`)).toEqual([]);
  });

  it('is read-only, and a failing statement leaves the connection usable', async () => {
    await expect(db.tenantReadInline(orgA, `insert into locations (org_id, id, name) values ('${orgA}', gen_random_uuid(), 'x') returning id`)).rejects.toThrow(/read-only/);
    await expect(db.tenantReadInline(orgA, 'select 1/0')).rejects.toThrow();
    const rows = await db.tenantReadInline<{ n: number }>(orgB, 'select count(*)::int as n from locations');
    expect(rows[0]!.n).toBe(2);
  });

  it('refuses anything but a UUID org id and a single statement', async () => {
    await expect(db.tenantReadInline("x'; drop table users; --", 'select 1')).rejects.toThrow(/UUID/);
    await expect(db.tenantReadInline(orgA, 'select 1; select 2')).rejects.toThrow(/one statement/);
  });
});
