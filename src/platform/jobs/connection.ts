import type PgBoss from 'pg-boss';
import type { Database } from '../db/index.js';

/**
 * How pg-boss reaches the database: its `db.executeSql(text, values)` option, so we decide which
 * connection it uses and can drain it before the database closes.
 *
 * - PostgreSQL: a small pool of its own on the same database (pg-boss keeps its tables in the schema
 *   `pgboss`; polling never waits for a request's connection, nor a request for polling).
 * - PGlite (embedded, one connection): through our one PGlite instance. Its query() and exec() wait
 *   for any running transaction to finish, so pg-boss's polling interleaves with requests safely.
 *   Never call the job runner from inside a transaction: on one connection that waits forever.
 *   Parameterless multi-statement SQL (the schema install, `BEGIN; …; COMMIT` blocks) needs exec(),
 *   which the extended protocol of query() refuses; it runs inside a PGlite transaction so a failing
 *   block is rolled back while the connection is still ours (pg-boss's own BEGIN/COMMIT inside it only
 *   raise notices).
 */
export interface JobConnection extends PgBoss.Db {
  /**
   * Runs fn (pg-boss's start: schema install or upgrade) while holding a session advisory lock, so two
   * servers starting at once do not race on the install (pg-boss's own race handling leaves the losing
   * connection in an aborted transaction). PGlite: one process, nothing to lock.
   */
  withInstallLock<T>(fn: () => Promise<T>): Promise<T>;
  /** Refuses new statements, waits for the ones in flight, closes the pool (PostgreSQL). */
  close(): Promise<void>;
  readonly closing: boolean;
}

export class JobsStoppedError extends Error {
  constructor() {
    super('jobs stopped');
  }
}

const multiStatement = (text: string) => /;\s*\S/.test(text);

export async function openJobConnection(db: Database, databaseUrl: string | undefined): Promise<JobConnection> {
  const inFlight = new Set<Promise<unknown>>();
  let closing = false;
  let run: (text: string, values: unknown[] | undefined) => Promise<{ rows: unknown[] }>;
  let end: () => Promise<void> = async () => undefined;
  let withInstallLock: <T>(fn: () => Promise<T>) => Promise<T> = (fn) => fn();

  if (db.kind === 'postgres') {
    if (!databaseUrl) throw new Error('jobs on PostgreSQL need the database URL');
    const pg = (await import('pg')).default;
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 3, application_name: 'naast-jobs', connectionTimeoutMillis: 5000, idleTimeoutMillis: 30000 });
    // As in platform/db: a connection that dies (server restart) must not crash the process; the query fails and is retried by the next poll.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => {
      client.on('error', () => undefined);
    });
    run = async (text, values) => {
      const client = await pool.connect();
      let failure: unknown;
      try {
        return await client.query(text, values as unknown[]);
      } catch (err) {
        failure = err;
        // A failed `BEGIN; …; COMMIT` block leaves the session in an aborted transaction: close it
        // before the connection goes back to the pool.
        if (multiStatement(text)) await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release(failure instanceof Error && /connection|terminat/i.test(failure.message) ? failure : undefined);
      }
    };
    end = () => pool.end();
    const INSTALL_LOCK = 727_002; // arbitrary, constant: "naast jobs install" (727_001 is the migration lock)
    withInstallLock = async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [INSTALL_LOCK]);
        return await fn();
      } finally {
        await client.query('select pg_advisory_unlock($1)', [INSTALL_LOCK]).catch(() => undefined);
        client.release();
      }
    };
  } else {
    const pglite = db.internals.pglite!;
    run = async (text, values) => {
      if ((!values || values.length === 0) && multiStatement(text)) {
        return pglite.transaction(async (tx) => {
          const results = await tx.exec(text);
          return results[results.length - 1] ?? { rows: [] };
        });
      }
      return pglite.query(text, (values ?? []) as unknown[]);
    };
  }

  return {
    get closing() {
      return closing;
    },
    executeSql(text: string, values: unknown[]) {
      if (closing) return Promise.reject(new JobsStoppedError());
      const p = run(text, values);
      inFlight.add(p);
      const forget = () => inFlight.delete(p);
      p.then(forget, forget);
      return p as Promise<{ rows: never[] }>;
    },
    withInstallLock: (fn) => withInstallLock(fn),
    async close() {
      closing = true;
      await Promise.allSettled([...inFlight]);
      await end();
    },
  };
}
