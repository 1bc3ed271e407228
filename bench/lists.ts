import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { runPathLoad, type PathLoad } from './path-load.js';
import { createNaast } from '../src/main.js';
import { createSession, SESSION_COOKIE } from '../src/platform/auth/sessions.js';
import { loadConfig } from '../src/platform/config.js';
import { openDatabase } from '../src/platform/db/index.js';
import { migrate } from '../src/platform/db/migrate.js';
import { seedDatabase } from '../src/seed/index.js';

/**
 * Issue 4: the coordinator inbox and the waiting list with the `national` seed, p95 ≤ 50 ms.
 *  1. a fresh PostgreSQL database `naast_bench_lists`, migrated and seeded at scale national
 *     (100 organisations, ten years of families each; takes minutes);
 *  2. the app on it (jobs off: only the requests are measured), a coordinator of the first
 *     organisation signed in by a session made the way the users bench makes it;
 *  3. autocannon in a child process on GET /api/v1/applications (the inbox: first page, open) and
 *     GET /api/v1/waiting-list?locationId=<the coordinator's location>: LIST_CONNECTIONS connections
 *     for SECONDS after a warm-up, and one connection (one coordinator alone) for a few seconds.
 * Latencies are every response's time as autocannon reports it (p50/p95/p99 from all samples).
 * The database is dropped afterwards (NAAST_BENCH_KEEP=1 keeps it for EXPLAIN). Nothing is cached.
 * Alone: `node --import tsx bench/lists.ts` (prints the figures as JSON; NAAST_BENCH_LISTS_URL=<database>
 * measures a database seeded before instead); `npm run bench` includes it.
 */
export const LIST_TARGET_P95_MS = 50;
/** Coordinators clicking at the same moment on one server: a busy morning at a national installation. */
const LIST_CONNECTIONS = 10;
const SECONDS = 10;
const WARMUP_SECONDS = 2;
const SERIAL_SECONDS = 4;
const DB_NAME = 'naast_bench_lists';

const log = (msg: string) => process.stderr.write(`bench: ${msg}\n`);
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

export type ListLoad = PathLoad;

export interface ListEndpointResult {
  route: string;
  path: string;
  items: number;
  loaded: ListLoad;
  alone: ListLoad;
}

export interface ListsResult {
  seed: { scale: 'national'; seconds: number; organisations: number; users: number; applications: Record<string, number>; trajectories: number; rows: number };
  organisation: { id: string; applications: number; waiting: number };
  connections: number;
  seconds: number;
  inbox: ListEndpointResult;
  waitingList: ListEndpointResult;
  targetP95Ms: number;
  met: boolean;
}

function benchUrl(adminUrl: string) {
  const u = new URL(adminUrl);
  u.pathname = `/${DB_NAME}`;
  return u.toString();
}

async function adminQuery(adminUrl: string, text: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

/** Fresh database, migrated and seeded at scale national. */
async function seedNational(adminUrl: string) {
  await adminQuery(adminUrl, `drop database if exists ${DB_NAME} with (force)`);
  await adminQuery(adminUrl, `create database ${DB_NAME}`);
  const db = await openDatabase({ databaseUrl: benchUrl(adminUrl), poolMax: 4 });
  try {
    await migrate(db);
    log('lists: seeding scale national (100 organisations, ten years each); this takes minutes');
    const started = performance.now();
    const seeded = await seedDatabase(db, { scale: 'national', seed: 1, onProgress: (m) => log(`lists: ${m} (${round((performance.now() - started) / 1000, 0)} s)`) });
    return { counts: seeded.counts, seconds: round((performance.now() - started) / 1000) };
  } finally {
    await db.close();
  }
}

/** The first coordinator of the first seeded organisation (seed 1), one of their locations, and a session. */
async function signInCoordinator(databaseUrl: string) {
  const db = await openDatabase({ databaseUrl, poolMax: 2 });
  try {
    const [who] = await db.query<{ org_id: string; user_id: string; location_id: string }>(
      `select d.org_id::text, d.user_id::text, ul.location_id::text from login_directory d
         join user_locations ul on ul.org_id = d.org_id and ul.user_id = d.user_id
        where d.email_lower = 'coordinator.1@o001.seed1.naast.example' order by ul.location_id limit 1`,
    );
    if (!who) throw new Error('no seeded coordinator (coordinator.1@o001.seed1.naast.example) in this database');
    const [sizes] = await db.query<{ applications: number; waiting: number }>(
      `select count(*)::int as applications, count(*) filter (where status in ('waiting', 'matching') and location_id = $2)::int as waiting from applications where org_id = $1`,
      [who.org_id, who.location_id],
    );
    const session = await db.withTenant(who.org_id, (tx) => createSession(tx, { orgId: who.org_id, userId: who.user_id, mfaPassed: true }));
    return { orgId: who.org_id, locationId: who.location_id, cookie: `${SESSION_COOKIE}=${session.cookieValue}`, sizes: sizes! };
  } finally {
    await db.close();
  }
}

async function measure(url: string, cookie: string, route: string, urlPath: string): Promise<ListEndpointResult> {
  const probe = await fetch(url + urlPath, { headers: { cookie } });
  const body = (await probe.json()) as { items?: unknown[] };
  if (probe.status !== 200) throw new Error(`${route} answered ${probe.status}: ${JSON.stringify(body)}`);
  log(`lists: ${route}: warm-up ${WARMUP_SECONDS} s`);
  await runPathLoad({ url, paths: [urlPath], cookie, connections: LIST_CONNECTIONS, seconds: WARMUP_SECONDS });
  log(`lists: ${route}, ${LIST_CONNECTIONS} connections, ${SECONDS} s`);
  const loaded = await runPathLoad({ url, paths: [urlPath], cookie, connections: LIST_CONNECTIONS, seconds: SECONDS });
  log(`lists: ${route}, one connection, ${SERIAL_SECONDS} s`);
  const alone = await runPathLoad({ url, paths: [urlPath], cookie, connections: 1, seconds: SERIAL_SECONDS });
  return { route, path: urlPath, items: body.items?.length ?? 0, loaded, alone };
}

/** The two lists under load on an already seeded national database. */
export async function benchListsOn(databaseUrl: string): Promise<Omit<ListsResult, 'seed'>> {
  const who = await signInCoordinator(databaseUrl);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'naast-bench-lists-'));
  const config = loadConfig({ NODE_ENV: 'development', DATABASE_URL: databaseUrl, NAAST_DATA_DIR: dataDir, NAAST_DEMO: '0', NAAST_JOBS: 'off', LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: '0' });
  // Request logging stays on (it is part of the cost), written nowhere.
  const sink = new Writable({ write: (_c, _e, cb) => cb() });
  const naast = await createNaast(config, { logStream: sink, serveWeb: false });
  try {
    await naast.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = naast.app.server.address() as { port: number };
    const url = `http://127.0.0.1:${port}`;
    const inbox = await measure(url, who.cookie, 'GET /api/v1/applications', '/api/v1/applications');
    const waitingList = await measure(url, who.cookie, 'GET /api/v1/waiting-list', `/api/v1/waiting-list?locationId=${who.locationId}`);
    return {
      organisation: { id: who.orgId, ...who.sizes },
      connections: LIST_CONNECTIONS,
      seconds: SECONDS,
      inbox,
      waitingList,
      targetP95Ms: LIST_TARGET_P95_MS,
      met: inbox.loaded.p95 <= LIST_TARGET_P95_MS && waitingList.loaded.p95 <= LIST_TARGET_P95_MS,
    };
  } finally {
    await naast.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Seeds national into a fresh database, measures both lists, drops the database (unless NAAST_BENCH_KEEP=1). */
export async function benchLists(adminUrl: string): Promise<ListsResult> {
  const seeded = await seedNational(adminUrl);
  const c = seeded.counts;
  log(`lists: seeded ${c.rows} rows (${c.trajectories} trajectories) in ${seeded.seconds} s`);
  try {
    const lists = await benchListsOn(benchUrl(adminUrl));
    return { seed: { scale: 'national', seconds: seeded.seconds, organisations: c.organisations, users: c.users, applications: c.applications, trajectories: c.trajectories, rows: c.rows }, ...lists };
  } finally {
    if (process.env.NAAST_BENCH_KEEP !== '1') await adminQuery(adminUrl, `drop database if exists ${DB_NAME} with (force)`);
  }
}

/** Rows for bench/run.ts's table: [measure, result, detail, target]. */
export function listRows(r: ListsResult): Array<[string, string, string, string]> {
  const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
  return [
    ['seed national (100 organisations)', `${r.seed.seconds} s`, `${r.seed.rows} rows, ${r.seed.trajectories} trajectories`, ''],
    ...[r.inbox, r.waitingList].map(
      (e): [string, string, string, string] => [
        `${e.route} (national)`,
        `${round(e.loaded.requestsPerSecond, 0)} req/s`,
        `p50 ${e.loaded.p50} ms, p95 ${e.loaded.p95} ms, p99 ${e.loaded.p99} ms (${r.connections} conn.); alone p95 ${e.alone.p95} ms`,
        verdict(e.loaded.p95 <= r.targetP95Ms) + ` (p95 ≤ ${r.targetP95Ms} ms)`,
      ],
    ),
  ];
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  // NAAST_BENCH_LISTS_URL: measure on a database seeded before (e.g. `naast seed --scale national`) instead of seeding one.
  const admin = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const existing = process.env.NAAST_BENCH_LISTS_URL;
  const result: Omit<ListsResult, 'seed'> & { seed?: ListsResult['seed'] } = existing ? await benchListsOn(existing) : await benchLists(admin);
  if (result.seed) for (const row of listRows(result as ListsResult)) console.log(row.join('  '));
  console.log(JSON.stringify(result, null, 2));
}
