import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/platform/db/index.js';

export type TestDbKind = 'pglite' | 'postgres';

export function testDbKind(): TestDbKind {
  return process.env.NAAST_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

export function postgresAdminUrl(): string {
  return process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
}

export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export interface TestDatabase extends Database {
  /** postgres only: the URL of this throwaway database */
  url?: string;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a clone of the template the global setup migrated
 * once (PGlite: a loaded data-dir dump; PostgreSQL: CREATE DATABASE ... TEMPLATE). Real database, no mocks.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testDbKind() === 'pglite') {
    const dumpPath = inject('pgliteTemplate' as never) as unknown as string;
    const blob = new Blob([fs.readFileSync(dumpPath)]);
    const db = await openDatabase({ pgliteLoadDataDir: blob });
    return Object.assign(db, { drop: () => db.close() });
  }
  const template = inject('postgresTemplate' as never) as unknown as string;
  const name = `naast_t_${randomBytes(6).toString('hex')}`;
  const pg = (await import('pg')).default;
  const admin = new pg.Client({ connectionString: postgresAdminUrl() });
  await admin.connect();
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`create database ${name} template ${template}`);
      break;
    } catch (err) {
      // Two files cloning the template at the same instant: the second waits its turn.
      if (attempt < 20 && /being accessed by other users/.test(String((err as Error).message))) {
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
        continue;
      }
      throw err;
    }
  }
  await admin.end();
  const url = withDatabaseName(postgresAdminUrl(), name);
  const db = await openDatabase({ databaseUrl: url, poolMax: 10 });
  return Object.assign(db, {
    url,
    drop: async () => {
      await db.close();
      const c = new pg.Client({ connectionString: postgresAdminUrl() });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  });
}

/** The database's own message for a failed statement (drizzle wraps it as `cause`), or 'no error'. */
export async function dbFailure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    const err = e as { cause?: { message?: string }; message?: string };
    return String(err.cause?.message ?? err.message);
  }
  return 'no error';
}
