import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { configureAuditLanes, ensureAuditHeads } from './platform/audit/index.js';
import { configurePasswordHashing } from './platform/auth/passwords.js';
import { secretKey } from './platform/auth/secrets.js';
import type { Config } from './platform/config.js';
import { openDatabase, type Database } from './platform/db/index.js';
import { migrate } from './platform/db/migrate.js';
import { buildApp } from './platform/http/app.js';
import { startJobs, type JobRunner } from './platform/jobs/index.js';
import { createMailer } from './platform/mail/index.js';
import { plugins } from './plugins.js';
import { scheduledJobs } from './jobs.js';
import { ensureDemo } from './demo.js';

export interface Naast {
  app: FastifyInstance;
  db: Database;
  /** The background job runner; undefined with NAAST_JOBS=off. */
  jobs: JobRunner | undefined;
  close(): Promise<void>;
}

export function configurePlatform(config: Config) {
  configureAuditLanes(config.auditLanes);
  configurePasswordHashing(config.argon2);
}

export async function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'pglite'), poolMax: config.poolMax });
}

/**
 * Opens the database, applies migrations, prepares demo data, builds the app (not listening yet) and
 * starts the background jobs (src/jobs.ts) unless NAAST_JOBS=off. buildApp alone (the tests) runs no jobs.
 */
export async function createNaast(config: Config, opts: { logStream?: NodeJS.WritableStream; serveWeb?: boolean } = {}): Promise<Naast> {
  configurePlatform(config);
  secretKey(config); // production without NAAST_SECRET_KEY stops here, not at the first two-factor sign-in
  const db = await openConfiguredDatabase(config);
  try {
    await migrate(db);
    await db.withSystem((tx) => ensureAuditHeads(tx, undefined, config.auditLanes));
    await ensureDemo(db, config);
    const mailer = createMailer(config);
    const app = await buildApp({ config, db, plugins, mailer, logStream: opts.logStream, serveWeb: opts.serveWeb });
    let jobs: JobRunner | undefined;
    try {
      if (config.jobs) jobs = await startJobs(db, config, { mailer, jobs: scheduledJobs, log: app.log.child({ component: 'jobs' }) });
    } catch (err) {
      await app.close();
      throw err;
    }
    return {
      app,
      db,
      jobs,
      // Requests finish and jobs stop (a running one may finish) before the database closes.
      close: async () => {
        const stopped = await Promise.allSettled([app.close(), jobs?.stop()]);
        await db.close();
        const failed = stopped.find((r) => r.status === 'rejected');
        if (failed) throw failed.reason;
      },
    };
  } catch (err) {
    await db.close();
    throw err;
  }
}
