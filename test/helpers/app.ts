import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/platform/config.js';
import { buildApp } from '../../src/platform/http/app.js';
import { configurePlatform } from '../../src/main.js';
import { plugins } from '../../src/plugins.js';
import { createOrganisation } from '../../src/modules/organisations/public.js';
import { createUser } from '../../src/platform/auth/accounts.js';
import { createSession, SESSION_COOKIE } from '../../src/platform/auth/sessions.js';
import type { Role } from '../../src/platform/auth/tables.js';
import type { Database } from '../../src/platform/db/index.js';
import { createTestDatabase, type TestDatabase } from './db.js';

export interface TestApp {
  app: FastifyInstance;
  db: TestDatabase;
  config: Config;
  /** Every log line the app wrote, for redaction tests. */
  logs: string[];
  close(): Promise<void>;
}

/** The real app (all plugins) on a throwaway migrated database; mail goes to a temp data dir. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  return createCustomApp({ env });
}

/**
 * Like createTestApp, but with extra plugins after the real ones (e.g. a route that fails on
 * purpose) and optionally on a database the test opened itself (fault tests). Everything else
 * is the real app.
 */
export async function createCustomApp(
  opts: { extraPlugins?: Array<(app: FastifyInstance) => Promise<void>>; db?: Database & { drop?: () => Promise<void> }; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'naast-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    NAAST_DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    // cheap hashing in tests; the real cost is measured in `npm run bench`
    NAAST_ARGON2_MEMORY_KIB: '8192',
    NAAST_ARGON2_ITERATIONS: '1',
    ...opts.env,
  });
  configurePlatform(config);
  const db = (opts.db ?? (await createTestDatabase())) as TestApp['db'];
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const app = await buildApp({ config, db, plugins: [...plugins, ...(opts.extraPlugins ?? [])], logStream, serveWeb: false });
  await app.ready();
  return {
    app,
    db,
    config,
    logs,
    close: async () => {
      await app.close();
      if (typeof db.drop === 'function') await db.drop();
      else await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestOrg {
  orgId: string;
  locationIds: Record<string, string>;
}

export async function createTestOrg(db: TestDatabase, name = 'Stichting Test'): Promise<TestOrg> {
  return createOrganisation(db, { name, locations: ['Helmond', 'Tilburg'] });
}

export interface SignedIn {
  userId: string;
  orgId: string;
  cookie: string;
  csrfToken: string;
  /** headers for inject: cookie + CSRF token */
  headers: Record<string, string>;
}

let counter = 0;
/** Creates a user of the role and a fully signed-in session (two-factor passed), without going through the sign-in route. */
export async function signInAs(db: TestDatabase, org: TestOrg, role: Role, opts: { email?: string; locationIds?: string[]; mfaPassed?: boolean; passwordHash?: string } = {}): Promise<SignedIn> {
  const email = opts.email ?? `${role}${++counter}.${Date.now()}@example.org`;
  const userId = await db.withSystem((tx) =>
    createUser(tx, { orgId: org.orgId, email, displayName: `Test ${role} ${counter}`, role, locationIds: opts.locationIds ?? [], passwordHash: opts.passwordHash ?? null }),
  );
  const s = await db.withTenant(org.orgId, (tx) => createSession(tx, { orgId: org.orgId, userId, mfaPassed: opts.mfaPassed ?? true }));
  const cookie = `${SESSION_COOKIE}=${s.cookieValue}`;
  return { userId, orgId: org.orgId, cookie, csrfToken: s.csrfToken, headers: { cookie, 'x-csrf-token': s.csrfToken } };
}
