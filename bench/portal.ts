import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { createNaast } from '../src/main.js';
import { recordAudit } from '../src/platform/audit/index.js';
import { createSession, SESSION_COOKIE } from '../src/platform/auth/sessions.js';
import { loadConfig } from '../src/platform/config.js';
import { openDatabase } from '../src/platform/db/index.js';
import { migrate } from '../src/platform/db/migrate.js';
import { seedDatabase } from '../src/seed/index.js';
import { auditedTransaction, captureDuring, replayRaw, type Captured } from './statements.js';

/**
 * Issue 6: the parent's home, GET /api/v1/me/family, with the `national` seed (PostgreSQL). The seed
 * gives every family a parent account linked to its application; the bench signs in SAMPLE parents of
 * running trajectories of the first organisation (sessions made directly) and rotates over them:
 * CONNECTIONS connections for SECONDS after a warm-up, and one connection alone. The raw ceiling
 * replays the statements of each parent's request (captured from the server's pg clients during a
 * probe) through a pg pool of the app's size, the audit insert as a fresh recordAudit. Target: p95 ≤ 30 ms.
 * Alone: `node --import tsx bench/portal.ts` (seeds national unless NAAST_BENCH_PORTAL_URL names a
 * database seeded before; NAAST_BENCH_KEEP=1 keeps it). From run.ts: `npm run bench -- portal`.
 */
export const PORTAL_TARGETS = { parentHomeP95Ms: 30 } as const;
const CONNECTIONS = 10;
const SECONDS = 10;
const WARMUP_SECONDS = 2;
const SERIAL_SECONDS = 4;
const SAMPLE = 40;
const DB_NAME = 'naast_bench_portal';
const SELF = fileURLToPath(import.meta.url);

const log = (msg: string) => process.stderr.write(`bench: ${msg}\n`);
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

export interface Load {
  requestsPerSecond: number;
  total: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
}

export interface PortalResult {
  seed?: { scale: 'national'; seconds: number; rows: number };
  organisation: string;
  parents: number;
  connections: number;
  loaded: Load;
  alone: Load;
  statements: { transaction: number; request: number };
  raw: { requestsPerSecond: number; p50: number; p95: number; p99: number; total: number };
  ratio: number;
  bytes: number;
  targets: typeof PORTAL_TARGETS;
  met: boolean;
}

// ---- the load generator (a child process; one cookie per request, rotating) -----------------------

interface LoadInput {
  url: string;
  path: string;
  cookies: string[];
  connections: number;
  seconds: number;
}

async function generateLoad(input: LoadInput): Promise<Load> {
  const latencies: number[] = [];
  let i = 0;
  const instance = autocannon({
    url: input.url,
    connections: input.connections,
    duration: input.seconds,
    headers: { 'user-agent': 'naast-bench' },
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: input.path, headers: { ...(req.headers ?? {}), cookie: input.cookies[i++ % input.cookies.length]! } }) }],
  }) as ReturnType<typeof autocannon> & { on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void };
  instance.on('response', (_c: unknown, _s: number, _b: number, ms: number) => latencies.push(ms));
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => (latencies.length ? round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!, 2) : NaN);
  return { requestsPerSecond: result.requests.average, total: result.requests.total, p50: q(0.5), p95: q(0.95), p99: q(0.99), non2xx: result.non2xx, errors: result.errors };
}

function runLoad(input: LoadInput): Promise<Load> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SELF, '--load', JSON.stringify(input)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!) as Load) : reject(new Error(`load generator exited ${code}`))));
  });
}

async function probe(url: string, cookie: string): Promise<{ tx: Captured[]; request: number; bytes: number }> {
  const { result: text, all } = await captureDuring(async () => {
    const res = await fetch(`${url}/api/v1/me/family`, { headers: { cookie } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`GET /me/family answered ${res.status}: ${body.slice(0, 300)}`);
    return body;
  });
  const body = JSON.parse(text) as { families: Array<{ trajectory: unknown }> };
  if (!body.families.some((f) => f.trajectory)) throw new Error('a sampled parent has no trajectory');
  return { tx: auditedTransaction(all), request: all.length, bytes: text.length };
}

function rawCeiling(databaseUrl: string, parents: Array<{ orgId: string; userId: string }>, txs: Captured[][], poolMax: number) {
  return replayRaw({
    databaseUrl, txs, poolMax, workers: CONNECTIONS, warmupSeconds: WARMUP_SECONDS, seconds: SECONDS,
    audit: async (ex, k) => {
      const p = parents[k]!;
      await recordAudit(ex, { orgId: p.orgId, actorUserId: p.userId, actorRole: 'parent', subjectId: p.userId, action: 'read', resourceType: 'family', ip: '127.0.0.1', userAgent: 'naast-bench' });
    },
  });
}

// ---- the measurement ----------------------------------------------------------------------------

/** GET /me/family on a PostgreSQL database seeded national before. */
export async function benchPortalOn(databaseUrl: string, seed?: PortalResult['seed']): Promise<PortalResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'naast-bench-portal-'));
  const config = loadConfig({ NODE_ENV: 'development', DATABASE_URL: databaseUrl, NAAST_DATA_DIR: dataDir, NAAST_DEMO: '0', NAAST_JOBS: 'off', LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: '0' });
  const sink = new Writable({ write: (_c, _e, cb) => cb() });
  const naast = await createNaast(config, { logStream: sink, serveWeb: false });
  try {
    const db = naast.db;
    const [org] = await db.query<{ org_id: string }>(`select org_id::text from organisations order by created_at, org_id limit 1`);
    if (!org) throw new Error('no organisation: seed national first');
    // Parents of running trajectories (the seed links every family's application to its parent account).
    const parents = await db.query<{ user_id: string }>(
      `select a.parent_user_id::text as user_id from trajectories t join applications a on a.org_id = t.org_id and a.id = t.application_id
        where t.org_id = $1 and t.phase not in ('aftercare', 'ended') and a.parent_user_id is not null order by t.id limit ${SAMPLE}`,
      [org.org_id],
    );
    if (!parents.length) throw new Error('no running trajectory with a parent account in the first organisation (the seed links every family to its parent)');
    const cookies: string[] = [];
    for (const p of parents) {
      const s = await db.withTenant(org.org_id, (tx) => createSession(tx, { orgId: org.org_id, userId: p.user_id, mfaPassed: true }));
      cookies.push(`${SESSION_COOKIE}=${s.cookieValue}`);
    }
    await naast.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = naast.app.server.address() as { port: number };
    const url = `http://127.0.0.1:${port}`;
    const captured: Captured[][] = [];
    let request = 0;
    let bytes = 0;
    for (const c of cookies) {
      const r = await probe(url, c);
      captured.push(r.tx);
      request = r.request;
      bytes = r.bytes;
    }
    const load = { url, path: '/api/v1/me/family', cookies };
    log(`portal: GET /api/v1/me/family, ${parents.length} parents: warm-up ${WARMUP_SECONDS} s`);
    await runLoad({ ...load, connections: CONNECTIONS, seconds: WARMUP_SECONDS });
    log(`portal: ${CONNECTIONS} connections, ${SECONDS} s`);
    const loaded = await runLoad({ ...load, connections: CONNECTIONS, seconds: SECONDS });
    log(`portal: one connection, ${SERIAL_SECONDS} s`);
    const alone = await runLoad({ ...load, connections: 1, seconds: SERIAL_SECONDS });
    log(`portal: raw ceiling, the captured statements through a pool of ${config.poolMax}, ${CONNECTIONS} workers, ${SECONDS} s`);
    const raw = await rawCeiling(
      databaseUrl,
      parents.map((p) => ({ orgId: org.org_id, userId: p.user_id })),
      captured,
      config.poolMax,
    );
    return {
      seed,
      organisation: org.org_id,
      parents: parents.length,
      connections: CONNECTIONS,
      loaded,
      alone,
      statements: { transaction: captured[0]!.length, request },
      raw,
      ratio: round(loaded.requestsPerSecond / raw.requestsPerSecond, 3),
      bytes,
      targets: PORTAL_TARGETS,
      met: loaded.p95 <= PORTAL_TARGETS.parentHomeP95Ms,
    };
  } finally {
    await naast.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
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

/** Seeds national into a fresh database (unless given one) and measures. */
export async function benchPortal(adminUrl: string, existing?: string): Promise<PortalResult> {
  let seed: PortalResult['seed'];
  let databaseUrl = existing;
  if (!databaseUrl) {
    await adminQuery(adminUrl, `drop database if exists ${DB_NAME} with (force)`);
    await adminQuery(adminUrl, `create database ${DB_NAME}`);
    const u = new URL(adminUrl);
    u.pathname = `/${DB_NAME}`;
    databaseUrl = u.toString();
    const db = await openDatabase({ databaseUrl, poolMax: 4 });
    try {
      await migrate(db);
      log('portal: seeding scale national (this takes minutes)');
      const t0 = performance.now();
      const seeded = await seedDatabase(db, { scale: 'national', seed: 1, onProgress: (m) => log(`portal: ${m} (${round((performance.now() - t0) / 1000, 0)} s)`) });
      seed = { scale: 'national', seconds: round((performance.now() - t0) / 1000), rows: seeded.counts.rows };
    } finally {
      await db.close();
    }
  }
  try {
    return await benchPortalOn(databaseUrl, seed);
  } finally {
    if (!existing && process.env.NAAST_BENCH_KEEP !== '1') await adminQuery(adminUrl, `drop database if exists ${DB_NAME} with (force)`);
  }
}

/** Rows for bench/run.ts's table: [measure, result, detail, target]. */
export function portalRows(r: PortalResult): Array<[string, string, string, string]> {
  return [
    [
      'GET /api/v1/me/family (national)',
      `${round(r.loaded.requestsPerSecond, 0)} req/s`,
      `${r.parents} parents; p50 ${r.loaded.p50} ms, p95 ${r.loaded.p95} ms, p99 ${r.loaded.p99} ms (${r.connections} conn.); alone p50 ${r.alone.p50} ms, p95 ${r.alone.p95} ms; ${r.statements.transaction} statements`,
      `${r.met ? 'ok' : 'MISSED'} (p95 ≤ ${r.targets.parentHomeP95Ms} ms)`,
    ],
    ['  raw SQL ceiling (same statements)', `${r.raw.requestsPerSecond} req/s`, `p50 ${r.raw.p50} ms, p95 ${r.raw.p95} ms; ratio endpoint/raw ${r.ratio}`, ''],
  ];
}

/** `npm run bench -- portal`: only the parent's home (its own national seed, or NAAST_BENCH_PORTAL_URL), merged into bench/results/latest.json. */
export async function portalOnly(): Promise<void> {
  const admin = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const result = await benchPortal(admin, process.env.NAAST_BENCH_PORTAL_URL);
  for (const r of portalRows(result)) console.log(r.join('  '));
  const out = path.resolve(path.dirname(SELF), 'results/latest.json');
  const results = fs.existsSync(out) ? (JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, unknown>) : {};
  results.portal = { ...result, date: new Date().toISOString(), loadAverage1m: round(os.loadavg()[0]!, 2), cpus: os.cpus().length };
  results.met = { ...((results.met as Record<string, unknown> | undefined) ?? {}), portal: result.met };
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
  console.log(`\nMerged into ${path.relative(process.cwd(), out)}.`);
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain && process.argv[2] === '--load') {
  process.stdout.write(`${JSON.stringify(await generateLoad(JSON.parse(process.argv[3]!) as LoadInput))}\n`);
  process.exit(0);
} else if (isMain) {
  const admin = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const result = await benchPortal(admin, process.env.NAAST_BENCH_PORTAL_URL);
  for (const row of portalRows(result)) console.log(row.join('  '));
  console.log(JSON.stringify(result, null, 2));
}
