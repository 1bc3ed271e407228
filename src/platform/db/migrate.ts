import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS_DIR, type Database } from './index.js';

interface JournalEntry { idx: number; when: number; tag: string }

export function readJournal(dir = MIGRATIONS_DIR): JournalEntry[] {
  return JSON.parse(fs.readFileSync(path.join(dir, 'meta', '_journal.json'), 'utf8')).entries;
}

export class MigrationsAheadError extends Error {
  constructor(public readonly dbNewest: number, public readonly codeNewest: number) {
    super(
      `The database has migrations newer than this version of Naast (database ${new Date(dbNewest).toISOString()}, code ${new Date(codeNewest).toISOString()}). Start a newer version of Naast instead.`,
    );
  }
}

async function newestApplied(db: Database): Promise<number | undefined> {
  const rows = await db.query<{ exists: boolean }>(`select to_regclass('drizzle.__drizzle_migrations') is not null as exists`);
  if (!rows[0]?.exists) return undefined;
  const r = await db.query<{ max: string | null }>(`select max(created_at)::text as max from drizzle.__drizzle_migrations`);
  return r[0]?.max ? Number(r[0].max) : undefined;
}

/**
 * Applies pending migrations as the owner, under an advisory lock so two servers starting at once
 * cannot race (drizzle's migrate() takes no lock). Refuses a database that is ahead of the code.
 */
export async function migrate(db: Database, dir = MIGRATIONS_DIR): Promise<{ applied: number }> {
  const journal = readJournal(dir);
  const codeNewest = Math.max(...journal.map((e) => e.when));
  // Fast path for a restart: one query shows the database is exactly at the code's level.
  const applied = await newestApplied(db);
  if (applied !== undefined && applied > codeNewest) throw new MigrationsAheadError(applied, codeNewest);
  if (applied === codeNewest && (await appliedCount(db)) === journal.length) return { applied: 0 };
  const LOCK = 727_001; // arbitrary, constant: "naast migrate"
  const pool = db.internals.pool;
  // One dedicated connection holds the session-level advisory lock and runs the migrations.
  const client = pool ? await pool.connect() : undefined;
  try {
    if (client) await client.query('select pg_advisory_lock($1)', [LOCK]);
    const before = await newestApplied(db);
    if (before !== undefined && before > codeNewest) throw new MigrationsAheadError(before, codeNewest);
    const countBefore = before === undefined ? 0 : await appliedCount(db);
    if (client) {
      const { drizzle } = await import('drizzle-orm/node-postgres');
      const { migrate: run } = await import('drizzle-orm/node-postgres/migrator');
      await run(drizzle({ client }), { migrationsFolder: dir });
      await client.query('select naast_apply_tenant_policies()');
    } else {
      const { drizzle } = await import('drizzle-orm/pglite');
      const { migrate: run } = await import('drizzle-orm/pglite/migrator');
      await run(drizzle({ client: db.internals.pglite! }), { migrationsFolder: dir });
      await db.query('select naast_apply_tenant_policies()');
    }
    return { applied: (await appliedCount(db)) - countBefore };
  } finally {
    if (client) {
      await client.query('select pg_advisory_unlock($1)', [LOCK]).catch(() => undefined);
      client.release();
    }
  }
}

async function appliedCount(db: Database): Promise<number> {
  return Number((await db.query<{ n: string }>('select count(*)::text as n from drizzle.__drizzle_migrations'))[0]?.n ?? 0);
}
