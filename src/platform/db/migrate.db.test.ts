import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.js';
import { migrate, MigrationsAheadError, readJournal } from './migrate.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db.drop());

describe('migrations', () => {
  it('a migrated database is left alone on the next start', async () => {
    expect(await migrate(db)).toEqual({ applied: 0 });
    const [{ n } = { n: 0 }] = await db.query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations');
    expect(n).toBe(readJournal().length);
  });

  it('every foreign key of a tenant table leads with org_id (ready for distribution by org_id)', async () => {
    const rows = await db.query<{ name: string; table_name: string; first: string }>(`
      select con.conname as name, c.relname as table_name, a.attname as first
        from pg_constraint con join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attnum = con.conkey[1]
       where con.contype = 'f' and n.nspname = 'public'
         and exists (select 1 from pg_attribute x where x.attrelid = c.oid and x.attname = 'org_id')
         and not exists (select 1 from pg_class r where r.oid = con.confrelid and r.relname = 'municipalities')`);
    expect(rows.length).toBeGreaterThan(5);
    for (const r of rows) expect(`${r.table_name}.${r.name} starts with ${r.first}`).toBe(`${r.table_name}.${r.name} starts with org_id`);
  });

  it('refuses a database whose migrations are newer than the code', async () => {
    const future = Math.max(...readJournal().map((e) => e.when)) + 86_400_000;
    await db.query(`insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-a-newer-naast', $1)`, [future]);
    const err = await migrate(db).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationsAheadError);
    expect((err as Error).message).toMatch(/newer than this version of Naast/);
    // Nothing was changed by the refusal.
    const [{ n } = { n: 0 }] = await db.query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations');
    expect(n).toBe(readJournal().length + 1);
  });
});
