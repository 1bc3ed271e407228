import fs from 'node:fs';
import readline from 'node:readline';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { sql, type SQL } from 'drizzle-orm';
import { verifyAudit, type VerifyResult } from '../audit/index.js';
import { execRows as exec, rowsOf, type Database, type Executor } from './index.js';

/**
 * Logical backup (issue 2): one gzip'd JSON-lines file that works for PGlite and PostgreSQL alike, and
 * across them. Line 1 is a header (format, version, migration level); then per table a `table` line
 * followed by one line per row, as PostgreSQL's own `to_jsonb(row)` text (so uuid, timestamptz with
 * microseconds, jsonb, arrays and bigint survive exactly: JavaScript never parses the values); last an
 * `end` line with the counts, so a truncated file is refused. Tables come in foreign-key order.
 */
export const BACKUP_FORMAT = 'naast-backup';
export const BACKUP_VERSION = 1;

export interface MigrationLevel {
  count: number;
  /** `when` of the newest applied migration (drizzle's created_at), ms since epoch. */
  newest: number;
}

interface Header {
  t: 'header';
  format: string;
  version: number;
  createdAt: string;
  driver: 'pglite' | 'postgres';
  migrations: MigrationLevel;
}
interface TableLine {
  t: 'table';
  name: string;
  rows: number;
}
interface EndLine {
  t: 'end';
  tables: number;
  rows: number;
}

export class BackupError extends Error {}

const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`;


export async function migrationLevel(db: Database): Promise<MigrationLevel> {
  const [row] = await db.query<{ count: number; newest: string | null }>(
    `select count(*)::int as count, max(created_at)::text as newest from drizzle.__drizzle_migrations`,
  );
  return { count: row?.count ?? 0, newest: Number(row?.newest ?? 0) };
}

/**
 * Every table of the public schema, parents before children (foreign keys), ties by name, so a
 * restore can insert in file order and a delete can walk the list backwards.
 */
export async function tablesInForeignKeyOrder(tx: Executor): Promise<string[]> {
  const tables = (await exec<{ name: string }>(tx, sql`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition order by 1`)).map((r) => r.name);
  const edges = await exec<{ child: string; parent: string }>(tx, sql`
    select ch.relname as child, pa.relname as parent
      from pg_constraint k
      join pg_class ch on ch.oid = k.conrelid join pg_namespace n on n.oid = ch.relnamespace
      join pg_class pa on pa.oid = k.confrelid
     where k.contype = 'f' and n.nspname = 'public' and ch.oid <> pa.oid`);
  const parents = new Map<string, Set<string>>(tables.map((t) => [t, new Set<string>()]));
  for (const e of edges) parents.get(e.child)?.add(e.parent);
  const out: string[] = [];
  const done = new Set<string>();
  while (out.length < tables.length) {
    const ready = tables.filter((t) => !done.has(t) && [...parents.get(t)!].every((p) => done.has(p) || !parents.has(p)));
    if (ready.length === 0) throw new BackupError('foreign keys form a cycle; cannot order the tables');
    for (const t of ready) {
      done.add(t);
      out.push(t);
    }
  }
  return out;
}

async function primaryKey(tx: Executor, table: string): Promise<string[]> {
  const rows = await exec<{ name: string }>(tx, sql`
    select a.attname as name
      from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
     where i.indrelid = ${`public.${q(table)}`}::regclass and i.indisprimary
     order by array_position(i.indkey::int2[], a.attnum)`);
  return rows.map((r) => r.name);
}

/** Columns a restore writes: not dropped, not generated (the database recomputes those). */
async function writableColumns(tx: Executor, table: string): Promise<string[]> {
  const rows = await exec<{ name: string }>(tx, sql`
    select attname as name from pg_attribute
     where attrelid = ${`public.${q(table)}`}::regclass and attnum > 0 and not attisdropped and attgenerated = ''
     order by attnum`);
  return rows.map((r) => r.name);
}

/** Writes a backup of the whole database to `file` (gzip). One repeatable-read transaction: a consistent snapshot. */
export async function backupDatabase(db: Database, file: string): Promise<{ tables: number; rows: number; bytes: number }> {
  const migrations = await migrationLevel(db);
  const tmp = `${file}.partial`;
  const gzip = zlib.createGzip({ level: 6 });
  const out = fs.createWriteStream(tmp, { mode: 0o600 });
  const done = pipeline(gzip, out);
  const write = async (line: string) => {
    if (!gzip.write(line + '\n')) await once(gzip, 'drain');
  };
  let totalRows = 0;
  let tableCount = 0;
  try {
    const header: Header = { t: 'header', format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: new Date().toISOString(), driver: db.kind, migrations };
    await write(JSON.stringify(header));
    await db.withSystem(async (tx) => {
      // Must be the transaction's first statement: every table is read from the same snapshot.
      await tx.execute(sql`set transaction isolation level repeatable read, read only`);
      for (const table of await tablesInForeignKeyOrder(tx)) {
        const pk = await primaryKey(tx, table);
        const order = pk.length ? pk.map((c) => `t.${q(c)}`).join(', ') : 'to_jsonb(t)::text';
        const [{ n } = { n: 0 }] = await exec<{ n: number }>(tx, sql.raw(`select count(*)::int as n from public.${q(table)}`));
        const line: TableLine = { t: 'table', name: table, rows: n };
        await write(JSON.stringify(line));
        await tx.execute(sql.raw(`declare naast_backup no scroll cursor for select to_jsonb(t)::text as j from public.${q(table)} t order by ${order}`));
        let seen = 0;
        for (;;) {
          const rows = await exec<{ j: string }>(tx, sql.raw('fetch forward 2000 from naast_backup'));
          for (const r of rows) await write(r.j);
          seen += rows.length;
          if (rows.length < 2000) break;
        }
        await tx.execute(sql.raw('close naast_backup'));
        if (seen !== n) throw new BackupError(`table ${table} changed during the backup`);
        totalRows += n;
        tableCount++;
      }
    });
    const end: EndLine = { t: 'end', tables: tableCount, rows: totalRows };
    await write(JSON.stringify(end));
    gzip.end();
    await done;
    fs.renameSync(tmp, file);
  } catch (err) {
    gzip.destroy();
    await done.catch(() => undefined);
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  return { tables: tableCount, rows: totalRows, bytes: fs.statSync(file).size };
}

/** A Database-shaped view of a transaction, for code that only needs `query` (the audit verifier). */
function queryVia(tx: Executor): Pick<Database, 'query'> {
  return {
    query: async <R>(text: string, params: unknown[] = []) => {
      const parts = text.split(/\$(\d+)/);
      const chunks: SQL[] = parts.map((p, i) => (i % 2 === 0 ? sql.raw(p) : sql`${params[Number(p) - 1]}`));
      return rowsOf<R>(await tx.execute(sql.join(chunks)));
    },
  };
}

export interface RestoreOptions {
  /** Replace whatever the database holds (truncate every table first). */
  force?: boolean;
}

export interface RestoreResult {
  tables: number;
  rows: number;
  audit: VerifyResult;
}

async function* readLines(file: string): AsyncGenerator<string> {
  const input: Readable = fs.createReadStream(file).pipe(zlib.createGunzip());
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of rl) if (line.length) yield line;
  } finally {
    rl.close();
    input.destroy();
  }
}

/**
 * Restores a backup into a migrated database that holds no organisation (or any, with force), in one
 * transaction; then re-checks every audit chain inside it, so a damaged file changes nothing.
 */
export async function restoreDatabase(db: Database, file: string, opts: RestoreOptions = {}): Promise<RestoreResult> {
  if (!fs.existsSync(file)) throw new BackupError(`backup file not found: ${file}`);
  const level = await migrationLevel(db);
  const lines = readLines(file);
  let header: Header;
  try {
    const first = await lines.next();
    header = JSON.parse(first.done ? '{}' : first.value) as Header;
  } catch {
    await lines.return(undefined);
    throw new BackupError('this is not a Naast backup (not a gzip JSON-lines file)');
  }
  if (header?.t !== 'header' || header.format !== BACKUP_FORMAT || typeof header.migrations?.count !== 'number') {
    await lines.return(undefined);
    throw new BackupError('this is not a Naast backup');
  }
  if (header.version !== BACKUP_VERSION) {
    await lines.return(undefined);
    throw new BackupError(`backup format version ${header.version} is not supported by this version of Naast (${BACKUP_VERSION})`);
  }
  if (header.migrations.count !== level.count || header.migrations.newest !== level.newest) {
    await lines.return(undefined);
    throw new BackupError(
      `the backup was made at migration level ${header.migrations.count} (${new Date(header.migrations.newest).toISOString()}) but this database is at ${level.count} (${new Date(level.newest).toISOString()}); restore it with the Naast version that made it, then upgrade`,
    );
  }
  try {
    return await db.withSystem(async (tx) => {
      const tables = await tablesInForeignKeyOrder(tx);
      if (!opts.force) {
        const [{ orgs, logins } = { orgs: 0, logins: 0 }] = await exec<{ orgs: number; logins: number }>(
          tx,
          sql`select (select count(*)::int from organisations) as orgs, (select count(*)::int from login_directory) as logins`,
        );
        if (orgs > 0 || logins > 0) {
          throw new BackupError(`this database already holds ${orgs} organisation(s); restore only into an empty database, or pass --force to replace everything in it`);
        }
      }
      // Everything goes, including reference rows the migrations wrote: the backup carries them too.
      await tx.execute(sql.raw(`truncate table ${tables.map((t) => `public.${q(t)}`).join(', ')} restart identity`));

      const known = new Set(tables);
      let current: { name: string; expected: number; columns: string; seen: number } | undefined;
      let batch: string[] = [];
      let batchBytes = 0;
      let totalRows = 0;
      let tableCount = 0;
      let ended: EndLine | undefined;
      const flush = async () => {
        if (!current || batch.length === 0) return;
        const json = `[${batch.join(',')}]`;
        await tx.execute(sql`insert into ${sql.raw(`public.${q(current.name)}`)} (${sql.raw(current.columns)}) overriding system value
                             select ${sql.raw(current.columns)} from jsonb_populate_recordset(null::${sql.raw(`public.${q(current.name)}`)}, ${json}::jsonb)`);
        batch = [];
        batchBytes = 0;
      };
      const closeTable = async () => {
        if (!current) return;
        await flush();
        if (current.seen !== current.expected) throw new BackupError(`table ${current.name}: the file holds ${current.seen} rows, its header says ${current.expected}; the file is damaged`);
        totalRows += current.seen;
        tableCount++;
        current = undefined;
      };
      for await (const line of lines) {
        if (ended) throw new BackupError('data after the end of the backup; the file is damaged');
        // Control lines come from JSON.stringify (`{"t":`); rows from jsonb's text output, which always
        // writes `": "` with a space, so a row can never look like a control line.
        if (line.startsWith('{"t":')) {
          const ctl = JSON.parse(line) as TableLine | EndLine;
          await closeTable();
          if (ctl.t === 'end') {
            ended = ctl;
            continue;
          }
          if (!known.has(ctl.name)) throw new BackupError(`the backup has table ${ctl.name}, which this database does not have`);
          const cols = (await writableColumns(tx, ctl.name)).map(q).join(', ');
          current = { name: ctl.name, expected: ctl.rows, columns: cols, seen: 0 };
          continue;
        }
        if (!current) throw new BackupError('row outside a table section; the file is damaged');
        batch.push(line);
        batchBytes += line.length;
        current.seen++;
        if (batch.length >= 1000 || batchBytes >= 2_000_000) await flush();
      }
      await closeTable();
      if (!ended) throw new BackupError('the backup file is incomplete (no end marker)');
      if (ended.rows !== totalRows || ended.tables !== tableCount) throw new BackupError('the backup file is damaged (row counts do not match)');

      // Serial/identity columns continue after the restored values.
      const seqs = await exec<{ tbl: string; col: string; seq: string }>(tx, sql`
        select c.relname as tbl, a.attname as col, pg_get_serial_sequence(format('public.%I', c.relname), a.attname) as seq
          from pg_class c join pg_namespace n on n.oid = c.relnamespace join pg_attribute a on a.attrelid = c.oid
         where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
           and pg_get_serial_sequence(format('public.%I', c.relname), a.attname) is not null`);
      for (const s of seqs) {
        await tx.execute(sql`select setval(${s.seq}, coalesce((select max(${sql.raw(q(s.col))}) from ${sql.raw(`public.${q(s.tbl)}`)}), 0) + 1, false)`);
      }

      const audit = await verifyAudit(queryVia(tx) as Database);
      if (!audit.ok) {
        const b = audit.firstBroken!;
        throw new BackupError(`the restored audit trail does not verify (organisation ${b.orgId}, lane ${b.lane}, event ${b.seq}: ${b.problem}); nothing was restored`);
      }
      return { tables: tableCount, rows: totalRows, audit };
    });
  } finally {
    await lines.return(undefined);
  }
}

/** For tests and tools: a backup file's header without reading the rest. */
export async function readBackupHeader(file: string): Promise<Header> {
  const lines = readLines(file);
  try {
    const first = await lines.next();
    return JSON.parse(first.done ? '{}' : first.value) as Header;
  } finally {
    await lines.return(undefined);
  }
}
