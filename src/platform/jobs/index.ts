import PgBoss from 'pg-boss';
import type { Config } from '../config.js';
import type { Database } from '../db/index.js';
import type { Mailer } from '../mail/index.js';
import { JobsStoppedError, openJobConnection } from './connection.js';

/**
 * Durable time (architecture: "anything that must happen later is a job in the database, never a
 * timer in memory"). pg-boss keeps schedules and jobs in the schema `pgboss` of our own database:
 * - a schedule is a row; every runner's timekeeper checks it and inserts at most one job per cron slot
 *   (a singleton key per minute), so two server processes do not both run it;
 * - a job is a row until a worker completes it: one that was due while no server ran, or that a
 *   stopped server left behind, runs after the next start.
 * pg-boss delivers at least once (a runner that dies mid-job leaves it to be retried), so every
 * handler is idempotent and claims its work in the database (see intake/reminders.ts).
 * Nothing in `pgboss` is backed up or migrated by us: what the jobs do is derived from our tables,
 * and the schedules are written again at every start.
 */

export interface JobLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface JobContext {
  db: Database;
  config: Config;
  mailer: Mailer;
  log: JobLogger;
  /** When this run started. */
  now: Date;
}

export interface ScheduledJob {
  /** Queue name, unique: `<module>-<what>`, lower case with dashes. */
  name: string;
  /** Five-field cron expression in Europe/Amsterdam time. */
  cron: string;
  /**
   * The work. Idempotent: it can run twice for one slot (a retry, a crashed runner). Returns counts
   * for the log line (never personal data). Runs outside any transaction: open your own.
   */
  run(ctx: JobContext): Promise<Record<string, number> | void>;
  /** A run still active after this many seconds is considered lost and retried. Default 600. */
  expireInSeconds?: number;
}

export interface JobRunnerOptions {
  /** How often a worker looks for due jobs (seconds, ≥ 0.5). Default 5: schedules are per minute. */
  pollingIntervalSeconds?: number;
  /** How often the timekeeper checks the schedules (1–45 s). Default 30. */
  cronMonitorIntervalSeconds?: number;
  /** How often a due schedule becomes a job (1–45 s). Default 5. */
  cronWorkerIntervalSeconds?: number;
  /** false: keep schedules and accept jobs, but run no handler in this process (tests of a restart). */
  work?: boolean;
  /** How long stop() waits for a running handler before it gives up on it (ms). Default 5000. */
  stopTimeoutMs?: number;
}

export interface JobRunner {
  readonly names: readonly string[];
  /** Queues a run of a job now, or after `startAfter` (seconds or a date). Never call it inside a transaction. */
  runSoon(name: string, opts?: { startAfter?: number | Date }): Promise<string | null>;
  /** Stops polling, waits for running handlers (up to stopTimeoutMs), drains the connection. Call before the database closes. */
  stop(): Promise<void>;
}

export const JOBS_SCHEMA = 'pgboss';
const TIME_ZONE = 'Europe/Amsterdam';

/** The driver's error code only: messages can quote data (a recipient address, a value). */
function errorCode(err: unknown): string {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' && /^[A-Za-z0-9_-]{1,40}$/.test(code) ? code : 'none';
}

/**
 * Starts pg-boss on our database (installing or upgrading its schema under a lock), writes the
 * schedules and starts a worker per job. Start it after the migrations; stop it before the database
 * closes.
 */
export async function startJobs(
  db: Database,
  config: Config,
  deps: { mailer: Mailer; jobs: readonly ScheduledJob[]; log: JobLogger },
  opts: JobRunnerOptions = {},
): Promise<JobRunner> {
  const { log } = deps;
  const names = deps.jobs.map((j) => j.name);
  if (new Set(names).size !== names.length) throw new Error('two scheduled jobs share a name');
  const connection = await openJobConnection(db, config.databaseUrl);
  const boss = new PgBoss({
    db: connection,
    schema: JOBS_SCHEMA,
    // Our schedules fire per minute at most; the defaults poll more often than that needs.
    cronMonitorIntervalSeconds: opts.cronMonitorIntervalSeconds ?? 30,
    cronWorkerIntervalSeconds: opts.cronWorkerIntervalSeconds ?? 5,
    // Completed runs are kept a day (to look at), then archived; the archive is emptied after 7 days.
    archiveCompletedAfterSeconds: 24 * 3600,
    deleteAfterDays: 7,
  });
  boss.on('error', (err) => {
    if (connection.closing || err instanceof JobsStoppedError) return;
    log.warn({ code: errorCode(err) }, 'background jobs: a database step failed; it is tried again');
  });
  try {
    await connection.withInstallLock(() => boss.start());
    for (const job of deps.jobs) {
      // create_queue ignores a queue that exists; updateQueue brings its settings up to date.
      const queue = { policy: 'standard' as const, retryLimit: 2, retryDelay: 30, expireInSeconds: job.expireInSeconds ?? 600 };
      await boss.createQueue(job.name, { name: job.name, ...queue });
      await boss.updateQueue(job.name, { name: job.name, ...queue });
      await boss.schedule(job.name, job.cron, {}, { tz: TIME_ZONE });
      if (opts.work === false) continue;
      await boss.work(job.name, { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 5, batchSize: 1 }, async () => {
        const started = Date.now();
        try {
          const counts = await job.run({ db, config, mailer: deps.mailer, log, now: new Date() });
          // A run that did nothing (most minutes) leaves no log line.
          if (counts && Object.values(counts).some((n) => n > 0)) log.info({ job: job.name, ms: Date.now() - started, ...counts }, 'background job done');
        } catch (err) {
          const code = errorCode(err);
          log.error({ job: job.name, ms: Date.now() - started, code }, 'background job failed; it is tried again');
          // pg-boss stores what a handler throws in its job table: only the name and the code go there.
          throw new Error(`${job.name} failed (code ${code})`);
        }
      });
    }
  } catch (err) {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    await connection.close();
    throw err;
  }

  let stopped: Promise<void> | undefined;
  return {
    names,
    runSoon: async (name, o = {}) => {
      if (!names.includes(name)) throw new Error(`unknown job ${name}`);
      return boss.send(name, {}, o.startAfter !== undefined ? { startAfter: o.startAfter } : {});
    },
    stop: () =>
      (stopped ??= (async () => {
        await boss.stop({ graceful: true, wait: true, timeout: opts.stopTimeoutMs ?? 5000 });
        await connection.close();
      })()),
  };
}
