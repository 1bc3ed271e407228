import { sql, type SQL } from 'drizzle-orm';
import { execRows, type Executor } from '../db/index.js';

/**
 * The personal-data map (issue 6, AVG art. 15/17/20): every module that stores data about a family
 * describes its own part once, here as a `PersonalDataPart`, and src/personal-data.ts lists them all
 * (like plugins.ts lists the HTTP entries). The data export reads every part; erasure (an accepted
 * erasure request or the retention job) runs every part, in the list's order, in one transaction.
 */

/** Whose data: one family (application), its trajectories and the parent's own account (if any). */
export interface PersonalDataScope {
  trajectoryIds: string[];
  applicationId: string;
  parentUserId: string | null;
  /** Filled by the eraser before eraseFor runs: every e-mail address of the family (from emailsOf). */
  emails?: string[];
}

/** One section of the export: rows as plain JSON objects (ids, dates, texts; never secrets or hashes). */
export type ExportRows = Array<Record<string, unknown>>;

export interface PersonalDataPart {
  module: string;
  /** Everything this module holds about the scope, by section name (e.g. `contacts`). */
  exportFor(tx: Executor, orgId: string, scope: PersonalDataScope): Promise<Record<string, ExportRows>>;
  /** Removes or irreversibly anonymises it; returns rows touched per table (counts only). */
  eraseFor(tx: Executor, orgId: string, scope: PersonalDataScope): Promise<Record<string, number>>;
  /** E-mail addresses of the family this module knows (asked before anything is erased). */
  emailsOf?(tx: Executor, orgId: string, scope: PersonalDataScope): Promise<string[]>;
}

/** Rows of `select <jsonb> as r …` as objects (both drivers parse jsonb; a string is parsed here). */
export async function jsonRows(tx: Executor, query: SQL): Promise<ExportRows> {
  const rows = await execRows<{ r: unknown }>(tx, query);
  return rows.map((x) => (typeof x.r === 'string' ? JSON.parse(x.r) : x.r) as Record<string, unknown>);
}

/** Runs a data-modifying statement with `returning 1` and counts the rows it touched. */
export async function countOf(tx: Executor, statement: SQL): Promise<number> {
  const [row] = await execRows<{ n: number }>(tx, sql`with d as (${statement}) select count(*)::int as n from d`);
  return Number(row?.n ?? 0);
}

/** A uuid[] parameter. */
export function uuids(ids: readonly string[]): SQL {
  return sql`${sql.param([...ids])}::uuid[]`;
}

/** Drops zero counts so a destruction record lists only what was there. */
export function nonZero(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
}

/** The first column (`v`) of `select … as v` rows as strings (e-mail addresses). */
export async function texts(tx: Executor, query: SQL): Promise<string[]> {
  const rows = await execRows<{ v: string | null }>(tx, query);
  return rows.map((r) => r.v).filter((v): v is string => !!v);
}
