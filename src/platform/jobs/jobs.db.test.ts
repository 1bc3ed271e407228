import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createTestDatabase, testDbKind, type TestDatabase } from '../../../test/helpers/db.js';
import { loadConfig, type Config } from '../config.js';
import { tablesInForeignKeyOrder } from '../db/backup.js';
import { openDatabase, type Database } from '../db/index.js';
import { migrate } from '../db/migrate.js';
import { createMailer } from '../mail/index.js';
import { FAST_JOBS, eventually } from './testing.js';
import { startJobs, type JobLogger, type JobRunner, type JobRunnerOptions, type ScheduledJob } from './index.js';

/**
 * The job runner on both databases: pg-boss's schema installs on PGlite (PostgreSQL 18 in WASM) and
 * PostgreSQL 15 without touching what our own checks look at; jobs are rows that outlive a runner.
 * No timing assertions: "eventually" polls with a deadline and fails after 20 s.
 */

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'naast-jobs-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const FAST: JobRunnerOptions = FAST_JOBS;
/** A cron slot that does not come during a test run (1 January, 00:00). */
const NEVER = '0 0 1 1 *';

function captureLog(): JobLogger & { lines: string[] } {
  const lines: string[] = [];
  const put = (level: string) => (obj: object, msg: string) => void lines.push(JSON.stringify({ level, ...obj, msg }));
  return { lines, info: put('info'), warn: put('warn'), error: put('error') };
}

/** A database that can be closed and opened again, like a server restart (PGlite: a data folder). */
async function restartableDatabase(): Promise<{ open(): Promise<Database>; config: Config; drop(): Promise<void> }> {
  if (testDbKind() === 'postgres') {
    const db: TestDatabase = await createTestDatabase();
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.url!, NAAST_DATA_DIR: dataDir });
    return { config, open: () => openDatabase({ databaseUrl: db.url!, poolMax: 5 }), drop: () => db.drop() };
  }
  const dir = path.join(dataDir, `pglite-${Math.random().toString(36).slice(2)}`);
  const template = new Blob([fs.readFileSync(inject('pgliteTemplate' as never) as unknown as string)]);
  let opened = 0;
  const config = loadConfig({ NODE_ENV: 'test', NAAST_DATA_DIR: dataDir });
  return {
    config,
    open: () => openDatabase(opened++ === 0 ? { pgliteDir: dir, pgliteLoadDataDir: template } : { pgliteDir: dir }),
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

describe('the job runner', () => {
  let db: TestDatabase;
  let config: Config;
  const runs: string[] = [];
  let runner: JobRunner | undefined;
  const log = captureLog();
  const mailer = createMailer(loadConfig({ NAAST_DATA_DIR: dataDir }));

  beforeAll(async () => {
    db = await createTestDatabase();
    config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.url ?? '', NAAST_DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await runner?.stop();
    await db.drop();
  });

  it('installs pg-boss in its own schema; our catalog checks, backup and migrations do not see it', async () => {
    const before = await db.withSystem((tx) => tablesInForeignKeyOrder(tx));
    runner = await startJobs(db, config, { mailer, log, jobs: [{ name: 'test-noop', cron: NEVER, run: async () => void runs.push('noop') }] }, FAST);
    const [version] = await db.query<{ version: number }>('select version from pgboss.version');
    expect(version!.version).toBeGreaterThan(0);
    // The backup walks the public schema only: the same tables as before.
    expect(await db.withSystem((tx) => tablesInForeignKeyOrder(tx))).toEqual(before);
    // No pg-boss table lives in public, none has an org_id (the RLS catalog test looks at public tables with org_id).
    const foreign = await db.query<{ schema: string; name: string }>(
      `select n.nspname as schema, c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p') and n.nspname = 'public' and c.relname like '%job%'`,
    );
    expect(foreign).toEqual([]);
    const orgIdInJobs = await db.query(`select 1 from information_schema.columns where table_schema = 'pgboss' and column_name = 'org_id'`);
    expect(orgIdInJobs).toEqual([]);
    // The "database ahead of the code" check reads drizzle's journal only: still level, nothing to apply.
    expect(await migrate(db)).toEqual({ applied: 0 });
    // The schedule is a row in the database.
    const schedules = await db.query<{ name: string; cron: string; timezone: string }>('select name, cron, timezone from pgboss.schedule');
    expect(schedules).toEqual([{ name: 'test-noop', cron: NEVER, timezone: 'Europe/Amsterdam' }]);
  });

  it('runs a queued job, and a second start on the same database is a no-op install', async () => {
    await runner!.runSoon('test-noop');
    await eventually('the queued job ran', () => runs.length, (n) => n === 1);
    await runner!.stop();
    runner = await startJobs(db, config, { mailer, log, jobs: [{ name: 'test-noop', cron: NEVER, run: async () => void runs.push('noop') }] }, FAST);
    await runner.runSoon('test-noop');
    await eventually('the queued job ran after the second start', () => runs.length, (n) => n === 2);
  });

  it('refuses to queue a job it does not know', async () => {
    await expect(runner!.runSoon('nope')).rejects.toThrow(/unknown job/);
  });

  it('a schedule turns into runs by itself', async () => {
    await runner!.stop();
    const ticks: Date[] = [];
    runner = await startJobs(db, config, { mailer, log, jobs: [{ name: 'test-every-minute', cron: '* * * * *', run: async ({ now }) => void ticks.push(now) }] }, FAST);
    await eventually('the every-minute schedule ran', () => ticks.length, (n) => n >= 1);
    await runner.stop();
    runner = undefined;
  });

  it('stores and logs a failure without its message (it could quote data), and the runner keeps going', async () => {
    const good: string[] = [];
    runner = await startJobs(
      db,
      config,
      {
        mailer,
        log,
        jobs: [
          { name: 'test-fails', cron: NEVER, run: async () => Promise.reject(Object.assign(new Error('mail to someone@example.org refused'), { code: 'EENVELOPE' })) },
          { name: 'test-good', cron: NEVER, run: async () => void good.push('ok') },
        ],
      },
      FAST,
    );
    await runner.runSoon('test-fails');
    await eventually('the failed run is recorded', () => db.query<{ output: unknown }>(`select output from pgboss.job where name = 'test-fails' and state in ('retry', 'failed')`), (rows) => rows.length === 1);
    const [row] = await db.query<{ output: unknown }>(`select output from pgboss.job where name = 'test-fails'`);
    expect(JSON.stringify(row!.output)).toContain('test-fails failed (code EENVELOPE)');
    expect(JSON.stringify(row!.output)).not.toContain('example.org');
    expect(log.lines.join('\n')).not.toContain('example.org');
    expect(log.lines.some((l) => l.includes('"job":"test-fails"') && l.includes('"code":"EENVELOPE"'))).toBe(true);
    await runner.runSoon('test-good');
    await eventually('another job still runs', () => good.length, (n) => n === 1);
    await runner.stop();
    runner = undefined;
  });

  it('stop() waits for a running job, which completes', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started = false;
    runner = await startJobs(db, config, { mailer, log, jobs: [{ name: 'test-slow', cron: NEVER, run: async () => { started = true; await gate; } }] }, FAST);
    const id = await runner.runSoon('test-slow');
    await eventually('the slow job started', () => started, (s) => s);
    let stopped = false;
    const stopping = runner.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(stopped).toBe(false);
    release();
    await stopping;
    runner = undefined;
    const [job] = await db.query<{ state: string }>(`select state::text from pgboss.job where name = 'test-slow' and id = $1`, [id]);
    expect(job!.state).toBe('completed');
  });
});

describe('durability across a restart', () => {
  it('a job queued (now or for later) before the runner stops runs after the next start', async () => {
    const store = await restartableDatabase();
    const runs: string[] = [];
    const job: ScheduledJob = { name: 'test-durable', cron: NEVER, run: async () => void runs.push('ran') };
    const mailer = createMailer(store.config);
    let db = await store.open();
    try {
      // The first "server" accepts jobs but runs none (it stops before their turn).
      const first = await startJobs(db, store.config, { mailer, log: captureLog(), jobs: [job] }, { ...FAST, work: false });
      await first.runSoon('test-durable');
      await first.runSoon('test-durable', { startAfter: 2 });
      await first.stop();
      await db.close();
      expect(runs).toEqual([]);

      db = await store.open();
      const second = await startJobs(db, store.config, { mailer, log: captureLog(), jobs: [job] }, FAST);
      try {
        await eventually('both queued runs happened after the restart', () => runs.length, (n) => n === 2);
      } finally {
        await second.stop();
      }
    } finally {
      await db.close();
      await store.drop();
    }
  });
});
