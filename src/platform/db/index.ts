import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../paths.js';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema.js';
import { UUID_RE } from './ids.js';

export type Schema = typeof schema;
/** A drizzle executor: the database or a transaction. Queries take it as their first argument. */
export type Executor = PgDatabase<PgQueryResultHKT, Schema>;

export const APP_ROLE = 'naast_app';
export const MIGRATIONS_DIR = path.join(ROOT, 'drizzle');

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs fn in a transaction as the non-owner role with app.org_id set, so row-level security
   * confines every statement to this organisation. The only way modules reach tenant data.
   */
  withTenant<T>(orgId: string, fn: (tx: Executor) => Promise<T>): Promise<T>;
  /**
   * Runs fn as the owner, bypassing RLS. Only for the platform's cross-tenant paths (sign-in
   * directory, migrations, CLI, the audit verifier); never from a module.
   */
  withSystem<T>(fn: (tx: Executor) => Promise<T>): Promise<T>;
  /**
   * One read statement in its own tenant transaction, sent with BEGIN, the tenant settings and
   * COMMIT as a single simple query: one round trip, still as the non-owner role under RLS. No
   * parameters are possible, so `text` may only inline values the caller has validated (ids, hashes).
   * For the hottest path only (the session lookup on every request).
   */
  tenantReadInline<R = Record<string, unknown>>(orgId: string, text: string): Promise<R[]>;
  /** Raw statement as the owner, outside any transaction (health checks, maintenance). */
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** Driver handles for the platform's own maintenance code (migrations, backup); not for modules. */
  readonly internals: { pglite?: import('@electric-sql/pglite').PGlite; pool?: import('pg').Pool };
}

/** Rows of a drizzle `execute` result: PGlite and node-postgres both return `{ rows }`. */
export function rowsOf<R>(res: unknown): R[] {
  return ((res as { rows?: R[] }).rows ?? (res as R[])) as R[];
}

/** A raw SQL statement through drizzle, as rows. */
export async function execRows<R = Record<string, unknown>>(tx: Executor, query: SQL): Promise<R[]> {
  return rowsOf<R>(await tx.execute(query));
}

export class DatabaseUnavailableError extends Error {
  constructor(cause?: unknown) {
    super('database unavailable', { cause });
  }
}

export interface OpenOptions {
  databaseUrl?: string;
  /** PGlite data folder; undefined means in memory. */
  pgliteDir?: string;
  /** PGlite: start from a dumped data folder (tests clone a migrated template this way). */
  pgliteLoadDataDir?: Blob | File;
  poolMax?: number;
}

function tenantPreamble(orgId: string) {
  // set_config(..., true) is transaction-local, like SET LOCAL; one round trip for both settings.
  return sql`select set_config('app.org_id', ${orgId}, true), set_config('role', ${APP_ROLE}, true)`;
}

function inlineTenantRead(orgId: string, text: string): string {
  if (!UUID_RE.test(orgId)) throw new Error('tenantReadInline needs a UUID org id');
  if (text.includes(';')) throw new Error('tenantReadInline takes one statement');
  return `BEGIN READ ONLY; SELECT set_config('app.org_id', '${orgId}', true), set_config('role', '${APP_ROLE}', true); ${text}; COMMIT`;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolMax ?? 20);
  return openPglite(opts.pgliteDir, opts.pgliteLoadDataDir);
}

// Connection-level failures (server gone, restarting, admin shutdown, too many clients): answer 503.
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', '57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08006']);
export function isUnavailable(err: unknown): boolean {
  let e: unknown = err;
  for (let i = 0; i < 5 && e; i++) {
    const any = e as { code?: string; message?: string; cause?: unknown };
    if (e instanceof DatabaseUnavailableError) return true;
    if (any.code && UNAVAILABLE_CODES.has(any.code)) return true;
    if (typeof any.message === 'string' && /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection is closed|not currently accepting connections/i.test(any.message)) return true;
    e = any.cause;
  }
  return false;
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const pg = (await import('pg')).default;
  const { drizzle } = await import('drizzle-orm/node-postgres');
  // Fail fast when the server is away instead of queueing requests (issue 2: 503, then recover).
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 2000, idleTimeoutMillis: 30000 });
  pool.on('error', () => {
    /* an idle client died (e.g. server restart); the pool replaces it on next use */
  });
  // pg-pool listens for errors only while a client is idle: a connection that dies while checked out
  // (restart, pg_terminate_backend) would otherwise crash the process. Its query still fails (→ 503)
  // and the pool discards the broken client on release.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  const wrap = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      if (isUnavailable(err)) throw new DatabaseUnavailableError(err);
      throw err;
    }
  };
  // Our own checkout and transaction instead of drizzle's: drizzle runs BEGIN outside its try, so a
  // connection that died in the pool was never released and the pool ran dry. A dead client is
  // released with its error, which makes the pool discard it. One drizzle instance per connection.
  const perClient = new WeakMap<import('pg').PoolClient, Executor>();
  const transaction = async <T>(begin: string, fn: (tx: Executor) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    let failure: unknown;
    try {
      let db = perClient.get(client);
      if (!db) perClient.set(client, (db = drizzle({ client, schema }) as unknown as Executor));
      await client.query(begin);
      try {
        const result = await fn(db);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    } catch (err) {
      failure = err;
      throw err;
    } finally {
      client.release(failure !== undefined && isUnavailable(failure) ? (failure as Error) : undefined);
    }
  };
  return {
    kind: 'postgres',
    // BEGIN and the tenant settings travel as one simple query: a round trip less on every request.
    // The org id is inlined, so it must be a well-formed UUID (it always is: it comes from our own ids).
    withTenant: (orgId, fn) => {
      if (!UUID_RE.test(orgId)) return Promise.reject(new Error('withTenant needs a UUID org id'));
      return wrap(() => transaction(`BEGIN; SELECT set_config('app.org_id', '${orgId}', true), set_config('role', '${APP_ROLE}', true)`, fn));
    },
    withSystem: (fn) => wrap(() => transaction('BEGIN', fn)),
    tenantReadInline: (orgId, text) =>
      wrap(async () => {
        const query = inlineTenantRead(orgId, text);
        const client = await pool.connect();
        let failure: unknown;
        try {
          const results = (await client.query(query)) as unknown as Array<{ rows: unknown[] }>;
          return results[2]!.rows as never;
        } catch (err) {
          failure = err;
          // A failed statement leaves the BEGIN block open (aborted): close it before reuse.
          await client.query('ROLLBACK').catch(() => undefined);
          throw err;
        } finally {
          client.release(failure !== undefined && isUnavailable(failure) ? (failure as Error) : undefined);
        }
      }),
    query: (text, params) => wrap(async () => (await pool.query(text, params as unknown[])).rows),
    ping: () => wrap(async () => void (await pool.query('select 1'))),
    close: () => pool.end(),
    internals: { pool },
  };
}

export class DataDirInUseError extends Error {
  constructor(dir: string, pid: number) {
    super(`The embedded database in ${dir} is in use by process ${pid} (is Naast already running?). Stop it first: only one process may open it.`);
  }
}

/**
 * PGlite is a single-process database: a second process (a CLI command next to a running server)
 * opening the same folder would corrupt it. A lock file with our pid keeps the second one out; a
 * lock left by a killed process (SIGKILL) is taken over.
 */
function lockDataDir(dir: string): () => void {
  const file = `${dir.replace(/\/+$/, '')}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        fs.rmSync(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(file, 'utf8').trim());
      if (pid && pid !== process.pid && processAlive(pid)) throw new DataDirInUseError(dir, pid);
      fs.rmSync(file, { force: true }); // stale
    }
  }
  throw new Error(`could not lock ${dir}`);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function openPglite(dir: string | undefined, loadDataDir: Blob | File | undefined): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  if (dir) fs.mkdirSync(dir, { recursive: true });
  const releaseLock = dir ? lockDataDir(dir) : () => undefined;
  let client: import('@electric-sql/pglite').PGlite;
  try {
    client = await PGlite.create({ dataDir: dir, loadDataDir });
  } catch (err) {
    releaseLock();
    throw err;
  }
  const db = drizzle({ client, schema }) as unknown as Executor;
  let closed = false;
  return {
    kind: 'pglite',
    withTenant: (orgId, fn) =>
      db.transaction(async (tx) => {
        await tx.execute(tenantPreamble(orgId));
        return fn(tx as unknown as Executor);
      }),
    withSystem: (fn) => db.transaction(async (tx) => fn(tx as unknown as Executor)),
    tenantReadInline: async (orgId, text) => {
      const query = inlineTenantRead(orgId, text);
      try {
        const results = await client.exec(query);
        return results[2]!.rows as never;
      } catch (err) {
        await client.exec('ROLLBACK').catch(() => undefined);
        throw err;
      }
    },
    query: async (text, params) => (await client.query(text, params as unknown[])).rows as never,
    ping: async () => void (await client.query('select 1')),
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await client.close();
      } finally {
        releaseLock();
      }
    },
    internals: { pglite: client },
  };
}
