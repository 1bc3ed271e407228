import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../platform/db/index.js';

/** Rows per statement. */
export const BATCH = 1000;

/** One value as an element of a PostgreSQL array literal (text form). */
function element(v: unknown, json = false): string {
  if (v === null || v === undefined) return 'NULL';
  let s: string;
  if (json) s = JSON.stringify(v);
  else if (v instanceof Date) s = v.toISOString();
  else if (typeof v === 'boolean') s = v ? 't' : 'f';
  else if (Array.isArray(v)) s = `{${v.map((x) => element(x)).join(',')}}`;
  else if (typeof v === 'object') s = JSON.stringify(v);
  else s = String(v);
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * Inserts rows in batches of BATCH as `insert … select … from unnest($1::text[], $2::text[], …)`: one
 * text parameter per column (a PostgreSQL array literal) instead of one per value, so a batch costs a
 * few string joins rather than tens of thousands of bound parameters. Works the same on PGlite and
 * PostgreSQL. The columns are those of the first row (keys as in the Drizzle table); each row must
 * have the same keys.
 */
export async function insertBulk(tx: Executor, table: PgTable, rows: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  if (rows.length === 0) return;
  const all = getTableColumns(table);
  const keys = Object.keys(rows[0]!).filter((k) => k in all);
  const columns = keys.map((k) => all[k]!);
  const names = sql.join(
    columns.map((c) => sql.identifier(c.name)),
    sql`, `,
  );
  const aliases = columns.map((_, i) => `c${i}`);
  const json = columns.map((c) => c.getSQLType() === 'json' || c.getSQLType() === 'jsonb');
  const selectList = sql.raw(columns.map((c, i) => `${aliases[i]}::${c.getSQLType()}`).join(', '));
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const params: SQL[] = keys.map((k, c) => sql`${`{${batch.map((r) => element(r[k], json[c])).join(',')}}`}::text[]`);
    await tx.execute(sql`insert into ${table} (${names}) select ${selectList} from unnest(${sql.join(params, sql`, `)}) as t(${sql.raw(aliases.join(', '))})`);
  }
}
