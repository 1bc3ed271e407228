import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { runPathLoad, type PathLoad } from './path-load.js';
import { auditedTransaction, captureDuring, replayRaw, type Captured } from './statements.js';
import { createNaast } from '../src/main.js';
import { recordAudit } from '../src/platform/audit/index.js';
import { createSession, SESSION_COOKIE } from '../src/platform/auth/sessions.js';
import { loadConfig } from '../src/platform/config.js';
import { openDatabase, type Database } from '../src/platform/db/index.js';
import { migrate } from '../src/platform/db/migrate.js';
import { seedDatabase } from '../src/seed/index.js';

/**
 * Issue 5: opening a trajectory dossier and the volunteer's home, with the `national` seed.
 *  1. PostgreSQL, national seed (100 organisations with the trajectories' contacts, plan, meetings,
 *     agreements, measures, court decisions, deadlines and documents' metadata; src/seed/trajectory-work.ts):
 *     GET /api/v1/trajectories/:id (header, phase events, first contacts page, plan, open agreements,
 *     upcoming meetings and the next open deadlines, all in one statement) rotating over running
 *     trajectories of the first organisation's first coordinator's location, as that coordinator;
 *     GET /api/v1/me/trajectories as a volunteer who leads three running families. autocannon in a
 *     child process, CONNECTIONS connections for SECONDS after a warm-up, and one connection alone.
 *  2. The raw ceiling: the very statements one request runs (captured from the server's pg clients
 *     during a probe of each sampled trajectory), replayed through a pg pool of the app's size by as
 *     many workers, no HTTP, no Fastify, no JSON; the audit insert is a fresh recordAudit as in the
 *     users bench. Ratio = endpoint req/s ÷ raw req/s; also how many statements a request takes.
 *  3. PGlite, `org` seed (one organisation, what a small installation runs): the dossier, same load.
 *     The replay holds whatever the request sent, so the deadlines (a column of the dossier's statement) too.
 * Alone: `npm run bench -- dossier` (seeds, measures, merges into bench/results/latest.json), or
 * `node --import tsx bench/dossier.ts` (prints JSON). NAAST_BENCH_DOSSIER_URL=<database seeded national
 * before> skips the PostgreSQL seeding; NAAST_BENCH_KEEP=1 keeps the database.
 */
export const DOSSIER_TARGETS = { postgresP95Ms: 30, pgliteP95Ms: 60, homeP95Ms: 30 } as const;
const CONNECTIONS = 10;
const SECONDS = 10;
const WARMUP_SECONDS = 2;
const SERIAL_SECONDS = 4;
const SAMPLE = 40;
const DB_NAME = 'naast_bench_dossier';

const log = (msg: string) => process.stderr.write(`bench: ${msg}\n`);
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

export type Load = PathLoad;

export interface EndpointResult {
  route: string;
  samples: number;
  loaded: Load;
  alone: Load;
  /** statements in the request's tenant transaction (BEGIN … COMMIT included) and in the whole request */
  statements?: { transaction: number; request: number };
  raw?: { requestsPerSecond: number; p50: number; p95: number; p99: number; total: number };
  /** endpoint req/s ÷ raw req/s at the same concurrency */
  ratio?: number;
  bytes?: number;
}

export interface DossierResult {
  seed?: { scale: 'national'; seconds: number; rows: number; trajectories: number; trajectoryWork?: Record<string, number> };
  postgres: { organisation: string; connections: number; seconds: number; dossier: EndpointResult; home: EndpointResult & { families: number } };
  pglite: { seed: { scale: 'org'; seconds: number; rows: number }; dossier: EndpointResult };
  notMeasured: string;
  targets: typeof DOSSIER_TARGETS;
  met: { postgres: boolean; home: boolean; pglite: boolean };
}

function withDatabase(adminUrl: string, name: string) {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
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

async function probe(url: string, cookie: string, urlPath: string): Promise<{ tx: Captured[]; request: number; bytes: number; body: unknown }> {
  const { result: text, all } = await captureDuring(async () => {
    const res = await fetch(url + urlPath, { headers: { cookie } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`GET ${urlPath} answered ${res.status}: ${body.slice(0, 300)}`);
    return body;
  });
  return { tx: auditedTransaction(all), request: all.length, bytes: text.length, body: JSON.parse(text) };
}

/**
 * The raw ceiling: replays each captured transaction (rotating) through a plain pg pool; the audit
 * statements become one fresh recordAudit (a replayed insert would collide with the chain).
 */
function rawCeiling(databaseUrl: string, orgId: string, actorUserId: string, txs: Captured[][], poolMax: number) {
  return replayRaw({
    databaseUrl, txs, poolMax, workers: CONNECTIONS, warmupSeconds: WARMUP_SECONDS, seconds: SECONDS,
    audit: (ex) => recordAudit(ex, { orgId, actorUserId, actorRole: 'coordinator', action: 'read', resourceType: 'trajectory', resourceId: orgId, ip: '127.0.0.1', userAgent: 'naast-bench' }).then(() => undefined),
  });
}

async function measure(url: string, cookie: string, route: string, paths: string[]): Promise<EndpointResult> {
  log(`dossier: ${route}: warm-up ${WARMUP_SECONDS} s`);
  await runPathLoad({ url, paths, cookie, connections: CONNECTIONS, seconds: WARMUP_SECONDS });
  log(`dossier: ${route}, ${CONNECTIONS} connections, ${SECONDS} s`);
  const loaded = await runPathLoad({ url, paths, cookie, connections: CONNECTIONS, seconds: SECONDS });
  log(`dossier: ${route}, one connection, ${SERIAL_SECONDS} s`);
  const alone = await runPathLoad({ url, paths, cookie, connections: 1, seconds: SERIAL_SECONDS });
  return { route, samples: paths.length, loaded, alone };
}

function startApp(env: Record<string, string>) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'naast-bench-dossier-'));
  const config = loadConfig({ NODE_ENV: 'development', NAAST_DATA_DIR: dataDir, NAAST_DEMO: '0', NAAST_JOBS: 'off', LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: '0', ...env });
  // Request logging stays on (it is part of the cost), written nowhere.
  const sink = new Writable({ write: (_c, _e, cb) => cb() });
  return { dataDir, config, start: () => createNaast(config, { logStream: sink, serveWeb: false }) };
}

/** The first coordinator of the first organisation, running trajectories of their location, and a volunteer with three families. */
async function pickSubjects(db: Database, email: string) {
  const [who] = await db.query<{ org_id: string; user_id: string; location_id: string }>(
    `select d.org_id::text, d.user_id::text, ul.location_id::text from login_directory d
       join user_locations ul on ul.org_id = d.org_id and ul.user_id = d.user_id
      where d.email_lower = $1 order by ul.location_id limit 1`,
    [email],
  );
  if (!who) throw new Error(`no seeded coordinator ${email} in this database`);
  const ids = await db.query<{ id: string }>(
    `select id::text from trajectories where org_id = $1 and location_id = $2 and ended_at is null and phase not in ('aftercare', 'ended') order by id limit ${SAMPLE}`,
    [who.org_id, who.location_id],
  );
  const [vol] = await db.query<{ user_id: string; n: number }>(
    `select lead_volunteer_id::text as user_id, count(*)::int as n from trajectories where org_id = $1 and ended_at is null
      group by lead_volunteer_id order by count(*) desc, lead_volunteer_id limit 1`,
    [who.org_id],
  );
  const session = async (userId: string) => {
    const s = await db.withTenant(who.org_id, (tx) => createSession(tx, { orgId: who.org_id, userId, mfaPassed: true }));
    return `${SESSION_COOKIE}=${s.cookieValue}`;
  };
  return { orgId: who.org_id, coordinatorId: who.user_id, ids: ids.map((r) => r.id), volunteer: vol!, coordinatorCookie: await session(who.user_id), volunteerCookie: await session(vol!.user_id) };
}

/** PostgreSQL: dossier and home under load, with the raw ceiling, on a database seeded national before. */
export async function benchDossierPostgres(databaseUrl: string): Promise<DossierResult['postgres']> {
  const app = startApp({ DATABASE_URL: databaseUrl });
  const naast = await app.start();
  try {
    const who = await pickSubjects(naast.db, 'coordinator.1@o001.seed1.naast.example');
    await naast.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = naast.app.server.address() as { port: number };
    const url = `http://127.0.0.1:${port}`;
    const dossierPaths = who.ids.map((id) => `/api/v1/trajectories/${id}`);
    const captured: Captured[][] = [];
    let requestStatements = 0;
    let bytes = 0;
    for (const p of dossierPaths) {
      const r = await probe(url, who.coordinatorCookie, p);
      captured.push(r.tx);
      requestStatements = r.request;
      bytes = r.bytes;
    }
    const home = await probe(url, who.volunteerCookie, '/api/v1/me/trajectories');
    const homeItems = (home.body as { items: unknown[] }).items.length;
    const dossier = await measure(url, who.coordinatorCookie, 'GET /api/v1/trajectories/:id', dossierPaths);
    const homeResult = await measure(url, who.volunteerCookie, 'GET /api/v1/me/trajectories', ['/api/v1/me/trajectories']);
    log(`dossier: raw ceiling, the captured statements through a pool of ${app.config.poolMax}, ${CONNECTIONS} workers, ${SECONDS} s`);
    const raw = await rawCeiling(databaseUrl, who.orgId, who.coordinatorId, captured, app.config.poolMax);
    const homeRaw = await rawCeiling(databaseUrl, who.orgId, who.volunteer.user_id, [home.tx], app.config.poolMax);
    return {
      organisation: who.orgId,
      connections: CONNECTIONS,
      seconds: SECONDS,
      dossier: { ...dossier, statements: { transaction: captured[0]!.length, request: requestStatements }, raw, ratio: round(dossier.loaded.requestsPerSecond / raw.requestsPerSecond, 3), bytes },
      home: { ...homeResult, families: homeItems, statements: { transaction: home.tx.length, request: home.request }, raw: homeRaw, ratio: round(homeResult.loaded.requestsPerSecond / homeRaw.requestsPerSecond, 3), bytes: home.bytes },
    };
  } finally {
    await naast.close();
    fs.rmSync(app.dataDir, { recursive: true, force: true });
  }
}

/** PGlite (in-process, one connection), `org` seed: the dossier under the same load. */
export async function benchDossierPglite(): Promise<DossierResult['pglite']> {
  const app = startApp({});
  const naast = await app.start();
  try {
    log('dossier: PGlite, seeding scale org');
    const t0 = performance.now();
    const seeded = await seedDatabase(naast.db, { scale: 'org', seed: 1 });
    const seconds = round((performance.now() - t0) / 1000);
    const who = await pickSubjects(naast.db, 'coordinator.1@o001.seed1.naast.example');
    await naast.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = naast.app.server.address() as { port: number };
    const url = `http://127.0.0.1:${port}`;
    const paths = who.ids.map((id) => `/api/v1/trajectories/${id}`);
    const first = await fetch(url + paths[0]!, { headers: { cookie: who.coordinatorCookie } });
    if (first.status !== 200) throw new Error(`PGlite dossier answered ${first.status}`);
    await first.text();
    const dossier = await measure(url, who.coordinatorCookie, 'GET /api/v1/trajectories/:id (PGlite)', paths);
    return { seed: { scale: 'org', seconds, rows: seeded.counts.rows }, dossier };
  } finally {
    await naast.close();
    fs.rmSync(app.dataDir, { recursive: true, force: true });
  }
}

/** Seeds national into a fresh database (unless given one), measures PostgreSQL and PGlite. */
export async function benchDossier(adminUrl: string, existing?: string): Promise<DossierResult> {
  let seed: DossierResult['seed'];
  let databaseUrl = existing;
  if (!databaseUrl) {
    await adminQuery(adminUrl, `drop database if exists ${DB_NAME} with (force)`);
    await adminQuery(adminUrl, `create database ${DB_NAME}`);
    databaseUrl = withDatabase(adminUrl, DB_NAME);
    const db = await openDatabase({ databaseUrl, poolMax: 4 });
    try {
      await migrate(db);
      log('dossier: seeding scale national (100 organisations, ten years each, with the trajectories\u2019 work); this takes minutes');
      const t0 = performance.now();
      const seeded = await seedDatabase(db, { scale: 'national', seed: 1, onProgress: (m) => log(`dossier: ${m} (${round((performance.now() - t0) / 1000, 0)} s)`) });
      seed = { scale: 'national', seconds: round((performance.now() - t0) / 1000), rows: seeded.counts.rows, trajectories: seeded.counts.trajectories, trajectoryWork: seeded.counts.trajectoryWork };
      log(`dossier: seeded ${seed.rows} rows in ${seed.seconds} s`);
    } finally {
      await db.close();
    }
  }
  try {
    return await benchDossierOn(databaseUrl, seed);
  } finally {
    if (!existing && process.env.NAAST_BENCH_KEEP !== '1') await adminQuery(adminUrl, `drop database if exists ${DB_NAME} with (force)`);
  }
}

/** Both measurements on a PostgreSQL database already seeded national (e.g. the lists bench's). */
export async function benchDossierOn(databaseUrl: string, seed?: DossierResult['seed']): Promise<DossierResult> {
  const postgres = await benchDossierPostgres(databaseUrl);
  const pglite = await benchDossierPglite();
  return {
    seed,
    postgres,
    pglite,
    notMeasured: "documents: seeded (metadata) but listed by the dossier's own documents section (GET /trajectories/:id/documents), not part of this call",
    targets: DOSSIER_TARGETS,
    met: {
      postgres: postgres.dossier.loaded.p95 <= DOSSIER_TARGETS.postgresP95Ms,
      home: postgres.home.loaded.p95 <= DOSSIER_TARGETS.homeP95Ms,
      pglite: pglite.dossier.loaded.p95 <= DOSSIER_TARGETS.pgliteP95Ms,
    },
  };
}

/** Rows for bench/run.ts's table: [measure, result, detail, target]. */
export function dossierRows(r: DossierResult): Array<[string, string, string, string]> {
  const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
  const line = (e: EndpointResult) => `p50 ${e.loaded.p50} ms, p95 ${e.loaded.p95} ms, p99 ${e.loaded.p99} ms (${CONNECTIONS} conn.); alone p50 ${e.alone.p50} ms, p95 ${e.alone.p95} ms`;
  const { dossier, home } = r.postgres;
  return [
    ...(r.seed ? [['seed national with trajectory work', `${r.seed.seconds} s`, `${r.seed.rows} rows${r.seed.trajectoryWork ? `, ${r.seed.trajectoryWork.contacts} contacts, ${r.seed.trajectoryWork.deadlines ?? 0} deadlines, ${r.seed.trajectoryWork.documents ?? 0} documents` : ''}`, ''] as [string, string, string, string]] : []),
    ['GET /api/v1/trajectories/:id (national)', `${round(dossier.loaded.requestsPerSecond, 0)} req/s`, `${line(dossier)}; ${dossier.statements?.transaction} statements`, verdict(r.met.postgres) + ` (p95 ≤ ${r.targets.postgresP95Ms} ms)`],
    ['  raw SQL ceiling (same statements)', `${dossier.raw?.requestsPerSecond} req/s`, `p50 ${dossier.raw?.p50} ms, p95 ${dossier.raw?.p95} ms; ratio endpoint/raw ${dossier.ratio}`, ''],
    ['GET /api/v1/me/trajectories (national)', `${round(home.loaded.requestsPerSecond, 0)} req/s`, `${home.families} families; ${line(home)}; ${home.statements?.transaction} statements`, verdict(r.met.home) + ` (p95 ≤ ${r.targets.homeP95Ms} ms)`],
    ['  raw SQL ceiling (same statements)', `${home.raw?.requestsPerSecond} req/s`, `p50 ${home.raw?.p50} ms, p95 ${home.raw?.p95} ms; ratio endpoint/raw ${home.ratio}`, ''],
    ['GET /api/v1/trajectories/:id (PGlite, org)', `${round(r.pglite.dossier.loaded.requestsPerSecond, 0)} req/s`, line(r.pglite.dossier), verdict(r.met.pglite) + ` (p95 ≤ ${r.targets.pgliteP95Ms} ms)`],
  ];
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const admin = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const result = await benchDossier(admin, process.env.NAAST_BENCH_DOSSIER_URL);
  for (const row of dossierRows(result)) console.log(row.join('  '));
  console.log(JSON.stringify(result, null, 2));
}
