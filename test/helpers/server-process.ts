import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOrganisation } from '../../src/modules/organisations/public.js';
import { createUser } from '../../src/platform/auth/accounts.js';
import { createSession, SESSION_COOKIE } from '../../src/platform/auth/sessions.js';
import { openDatabase } from '../../src/platform/db/index.js';
import { migrate } from '../../src/platform/db/migrate.js';
import { createTestDatabase, testDbKind, type TestDatabase } from './db.js';

/** The real server (`node --import tsx src/server.ts`) as a child process, for fault tests. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServerProcess {
  proc: ChildProcess;
  url: string;
  output(): string;
  /** Resolves when the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the server with PORT=0 and waits for its "ready on http://…" line. */
export async function startServer(env: Record<string, string>, timeoutMs = 45_000): Promise<ServerProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server not ready in ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const check = () => {
      const m = /ready on (http:\/\/[^\s]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    proc.stdout!.on('data', check);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before it was ready:\n${out}`));
    });
  });
  return { proc, url, output: () => out, exited };
}

export interface ServerData {
  kind: 'pglite' | 'postgres';
  /** Environment that points a server at this data. */
  env: Record<string, string>;
  dataDir: string;
  orgId: string;
  /** An admin session: cookie and CSRF header, ready for fetch. */
  headers: Record<string, string>;
  cleanup(): Promise<void>;
}

/**
 * A database the server can start on, with an organisation and a signed-in admin created
 * beforehand (the server then reads them like any other data). PGlite: a data folder that is
 * closed again before the server opens it (one process at a time); PostgreSQL: a fresh database.
 */
export async function prepareServerData(): Promise<ServerData> {
  const kind = testDbKind();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'naast-fault-'));
  let pgDb: TestDatabase | undefined;
  const db = kind === 'postgres' ? (pgDb = await createTestDatabase()) : await openDatabase({ pgliteDir: path.join(dataDir, 'pglite') });
  await migrate(db);
  const { orgId } = await createOrganisation(db, { name: 'Stichting Fouten', locations: ['Helmond'] });
  const userId = await db.withSystem((tx) => createUser(tx, { orgId, email: `fault.${Date.now()}@example.org`, displayName: 'Beheerder', role: 'admin' }));
  const s = await db.withTenant(orgId, (tx) => createSession(tx, { orgId, userId, mfaPassed: true }));
  if (kind === 'pglite') await db.close();
  const env: Record<string, string> = { NAAST_DATA_DIR: dataDir, NAAST_DEMO: '0' };
  if (pgDb) env.DATABASE_URL = pgDb.url!;
  return {
    kind,
    env,
    dataDir,
    orgId,
    headers: { cookie: `${SESSION_COOKIE}=${s.cookieValue}`, 'x-csrf-token': s.csrfToken, 'content-type': 'application/json' },
    cleanup: async () => {
      if (pgDb) await pgDb.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Stops a server that may still run (test clean-up). */
export async function stopServer(s: ServerProcess | undefined): Promise<void> {
  if (!s || s.proc.exitCode !== null || s.proc.signalCode !== null) return;
  s.proc.kill('SIGKILL');
  await s.exited;
}
