import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { configureAuditLanes, ensureAuditHeads } from './platform/audit/index.js';
import { configurePasswordHashing } from './platform/auth/passwords.js';
import { secretKey } from './platform/auth/secrets.js';
import type { Config } from './platform/config.js';
import { openDatabase, type Database } from './platform/db/index.js';
import { migrate } from './platform/db/migrate.js';
import { buildApp } from './platform/http/app.js';
import { plugins } from './plugins.js';
import { ensureDemo } from './demo.js';

export interface Naast {
  app: FastifyInstance;
  db: Database;
  close(): Promise<void>;
}

export function configurePlatform(config: Config) {
  configureAuditLanes(config.auditLanes);
  configurePasswordHashing(config.argon2);
}

export async function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'pglite'), poolMax: config.poolMax });
}

/** Opens the database, applies migrations, prepares demo data and builds the app (not listening yet). */
export async function createNaast(config: Config, opts: { logStream?: NodeJS.WritableStream; serveWeb?: boolean } = {}): Promise<Naast> {
  configurePlatform(config);
  secretKey(config); // production without NAAST_SECRET_KEY stops here, not at the first two-factor sign-in
  const db = await openConfiguredDatabase(config);
  try {
    await migrate(db);
    await db.withSystem((tx) => ensureAuditHeads(tx, undefined, config.auditLanes));
    await ensureDemo(db, config);
    const app = await buildApp({ config, db, plugins, logStream: opts.logStream, serveWeb: opts.serveWeb });
    return {
      app,
      db,
      close: async () => {
        await app.close();
        await db.close();
      },
    };
  } catch (err) {
    await db.close();
    throw err;
  }
}
