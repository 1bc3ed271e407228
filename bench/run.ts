import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { configurePlatform, createNaast } from '../src/main.js';
import { configureAuditLanes, recordAudit } from '../src/platform/audit/index.js';
import { configurePasswordHashing, hashPassword } from '../src/platform/auth/passwords.js';
import { createSession, SESSION_COOKIE } from '../src/platform/auth/sessions.js';
import { loadConfig } from '../src/platform/config.js';
import { assertAccess, authorize, type Actor } from '../src/platform/policy/index.js';
import { openDatabase } from '../src/platform/db/index.js';
import { migrate } from '../src/platform/db/migrate.js';
import { seedDatabase } from '../src/seed/index.js';
import { selectUserRecord } from '../src/modules/users/public.js';
import { benchMatching, matchingRows } from './matching.js';
import { benchLists, listRows } from './lists.js';
import { benchDossier, benchDossierOn, dossierRows } from './dossier.js';
import { benchExport, exportRows } from './export.js';
import { benchPortalOn, portalRows } from './portal.js';

/**
 * `npm run bench` (issues 2 and 3), against PostgreSQL (DATABASE_URL, else the local server):
 *  1. the authenticated read endpoint GET /api/v1/users/:id (personal data → one audit event per
 *     request) under autocannon, 50 connections, 10 s, rotating over the seeded users;
 *  2. the raw ceiling: the same SQL (tenant preamble, the user select, the audit insert) through
 *     a pg pool of the same size with 50 concurrent workers for 10 s, no HTTP;
 *  3. argon2id: median time of one hash at the default cost;
 *  4. start-up: spawn to /api/health/ready on an empty PGlite data folder (with demo) and on a restart;
 *  5. the sign-in page's gzipped JS+CSS from the web build;
 *  6. whole-list matching, 1,000 families × 3,000 volunteers, optimal vs greedy (bench/matching.ts);
 *  7. the coordinator inbox and waiting list on a fresh `national` seed, p95 (bench/lists.ts; seeding takes minutes);
 *  8. the trajectory dossier and the volunteer's home on that same database, with the raw ceiling, and the
 *     dossier on PGlite with the `org` seed (bench/dossier.ts). `npm run bench -- dossier` runs only this
 *     part (seeding national itself) and merges it into bench/results/latest.json.
 *  9. the parent's home GET /api/v1/me/family on that same database (bench/portal.ts; `-- portal` alone);
 * 10. the parent's data export (JSON and PDF) of a 500-contact, 50-document dossier (bench/export.ts; `-- export` alone).
 * Prints a table and writes bench/results/latest.json.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CONNECTIONS = 50;
const SECONDS = 10;
const WARMUP_SECONDS = 2;
const TARGETS = { ratio: 0.5, p99Ms: 25, argon2Min: 50, argon2Max: 150, coldStartMs: 6000, restartMs: 1500, bundleBytes: 250_000 };

const log = (msg: string) => process.stderr.write(`bench: ${msg}\n`);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

function databaseUrls() {
  const admin = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const bench = new URL(admin);
  bench.pathname = '/naast_bench';
  return { admin, bench: bench.toString() };
}

async function freshBenchDatabase(adminUrl: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query('drop database if exists naast_bench with (force)');
  await c.query('create database naast_bench');
  const [{ version }] = (await c.query<{ version: string }>('show server_version')).rows as [{ version: string }];
  await c.end();
  return version;
}

/** Seeds one organisation (the ops seed generator, scale org) and signs its admin in. */
async function prepare(benchUrl: string) {
  const db = await openDatabase({ databaseUrl: benchUrl, poolMax: 4 });
  try {
    await migrate(db);
    const started = performance.now();
    const seeded = await seedDatabase(db, { scale: 'org', seed: 1 });
    const seedMs = performance.now() - started;
    const admin = seeded.sampleUsers.find((u) => u.role === 'admin')!;
    const rows = await db.query<{ id: string }>('select id::text as id from users where org_id = $1 order by id', [admin.orgId]);
    const session = await db.withTenant(admin.orgId, (tx) => createSession(tx, { orgId: admin.orgId, userId: admin.userId, mfaPassed: true }));
    return { orgId: admin.orgId, adminId: admin.userId, ids: rows.map((r) => r.id), cookie: `${SESSION_COOKIE}=${session.cookieValue}`, seedMs, users: seeded.counts.users };
  } finally {
    await db.close();
  }
}

interface LoadResult {
  requestsPerSecond: number;
  total: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** autocannon in a child process, so the server keeps this process's event loop to itself. */
function runLoad(input: { url: string; cookie: string; ids: string[]; connections: number; seconds: number }): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/load.ts'), JSON.stringify(input)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!) as LoadResult) : reject(new Error(`load generator exited ${code}`))));
  });
}

async function benchEndpoint(benchUrl: string, data: Awaited<ReturnType<typeof prepare>>) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'naast-bench-'));
  const config = loadConfig({ NODE_ENV: 'development', DATABASE_URL: benchUrl, NAAST_DATA_DIR: dataDir, NAAST_DEMO: '0', NAAST_JOBS: 'off', LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: '0' });
  // Request logging stays on (it is part of the cost), written nowhere.
  const sink = new Writable({ write: (_c, _e, cb) => cb() });
  const naast = await createNaast(config, { logStream: sink, serveWeb: false });
  try {
    await naast.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = naast.app.server.address() as { port: number };
    const url = `http://127.0.0.1:${port}`;
    const probe = await fetch(`${url}/api/v1/users/${data.ids[0]}`, { headers: { cookie: data.cookie } });
    if (probe.status !== 200) throw new Error(`GET /api/v1/users/:id answered ${probe.status}: ${await probe.text()}`);
    const before = await naast.db.query<{ n: number }>('select count(*)::int as n from audit_events');
    log(`endpoint: warm-up ${WARMUP_SECONDS} s`);
    await runLoad({ url, cookie: data.cookie, ids: data.ids, connections: CONNECTIONS, seconds: WARMUP_SECONDS });
    log(`endpoint: GET /api/v1/users/:id, ${CONNECTIONS} connections, ${SECONDS} s`);
    const result = await runLoad({ url, cookie: data.cookie, ids: data.ids, connections: CONNECTIONS, seconds: SECONDS });
    const after = await naast.db.query<{ n: number }>('select count(*)::int as n from audit_events');
    return { ...result, auditEventsWritten: after[0]!.n - before[0]!.n, poolMax: config.poolMax };
  } finally {
    await naast.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The same statements as the endpoint's service (see users/service.ts getUserDetail), straight through the pool. */
async function benchRaw(benchUrl: string, data: Awaited<ReturnType<typeof prepare>>, poolMax: number) {
  const config = loadConfig({ DATABASE_URL: benchUrl });
  configurePlatform(config);
  const db = await openDatabase({ databaseUrl: benchUrl, poolMax });
  let next = 0;
  const readOne = (id: string) =>
    db.withTenant(data.orgId, async (tx) => {
      const row = await selectUserRecord(tx, { orgId: data.orgId, role: 'admin' }, id);
      if (!row) throw new Error('seeded user not found');
      await recordAudit(tx, { orgId: data.orgId, actorUserId: data.adminId, actorRole: 'admin', subjectId: id, action: 'read', resourceType: 'user', resourceId: id, ip: '127.0.0.1', userAgent: 'naast-bench' });
      return row;
    });
  const run = async (seconds: number) => {
    const latencies: number[] = [];
    const until = performance.now() + seconds * 1000;
    const worker = async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        await readOne(data.ids[next++ % data.ids.length]!);
        latencies.push(performance.now() - t0);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: CONNECTIONS }, worker));
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return { requestsPerSecond: latencies.length / elapsed, total: latencies.length, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), max: latencies.at(-1)! };
  };
  try {
    log(`raw: warm-up ${WARMUP_SECONDS} s`);
    await run(WARMUP_SECONDS);
    log(`raw: same SQL through a pool of ${poolMax}, ${CONNECTIONS} workers, ${SECONDS} s`);
    return await run(SECONDS);
  } finally {
    await db.close();
  }
}

async function benchArgon2() {
  const { argon2 } = loadConfig({});
  configurePasswordHashing(argon2);
  await hashPassword('opwarmen-niet-meten');
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    await hashPassword(`correct horse battery staple ${i}`);
    times.push(performance.now() - t0);
  }
  return { medianMs: median(times), memoryKiB: argon2.memoryCost, iterations: argon2.timeCost, samples: times.length };
}

/** Spawn → /api/health/ready answers 200, in ms; then SIGTERM and wait for the exit. */
async function timeStart(dataDir: string, serverBundle: string): Promise<number> {
  const t0 = performance.now();
  // Exactly what `npm start` runs after its (excluded) build step.
  const child = spawn(process.execPath, ['--enable-source-maps', serverBundle], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), NAAST_DATA_DIR: dataDir, NAAST_DEMO: '1', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`);
      if (performance.now() - t0 > 60_000) throw new Error(`server not ready in 60 s:\n${out}`);
      const m = /ready on (http:\/\/[^\s]+)/.exec(out);
      if (m) {
        const res = await fetch(`${m[1]}/api/health/ready`).catch(() => undefined);
        if (res?.status === 200) return performance.now() - t0;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

async function benchStartup() {
  // @ts-expect-error plain ESM build script
  const { buildServer } = (await import('../scripts/build.mjs')) as { buildServer(): Promise<string> };
  const serverBundle = await buildServer();
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < 3; i++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'naast-bench-start-'));
    try {
      cold.push(await timeStart(dir, serverBundle));
      warm.push(await timeStart(dir, serverBundle));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    log(`start-up ${i + 1}/3: empty ${round(cold.at(-1)!, 0)} ms, restart ${round(warm.at(-1)!, 0)} ms`);
  }
  return { emptyDataDirMs: median(cold), restartMs: median(warm), samples: { empty: cold.map((x) => round(x, 0)), restart: warm.map((x) => round(x, 0)) } };
}

function bundleSizes() {
  const file = path.join(ROOT, 'dist/web/bundle-sizes.json');
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as { page?: string; gzip: { js: number; css: number; total: number } };
}

function gitCommit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

/**
 * Issue 2: the audit writer must not serialize the server. Pure audit appends for one organisation
 * (the worst case: one chain) from 50 workers, with one lane and with the configured lanes.
 */
async function benchAuditWriter(benchUrl: string, data: Awaited<ReturnType<typeof prepare>>, poolMax: number, lanes: number) {
  const db = await openDatabase({ databaseUrl: benchUrl, poolMax });
  const seconds = 5;
  const result: Record<string, number> = {};
  try {
    for (const n of [1, lanes]) {
      configureAuditLanes(n);
      let count = 0;
      const until = performance.now() + seconds * 1000;
      const worker = async () => {
        while (performance.now() < until) {
          await db.withTenant(data.orgId, (tx) => recordAudit(tx, { orgId: data.orgId, actorUserId: data.adminId, actorRole: 'admin', action: 'read', resourceType: 'user', resourceId: data.adminId, subjectId: data.adminId, ip: '127.0.0.1', userAgent: 'naast-bench' }));
          count++;
        }
      };
      await Promise.all(Array.from({ length: CONNECTIONS }, worker));
      result[`lanes${n}`] = count / seconds;
    }
  } finally {
    configureAuditLanes(lanes);
    await db.close();
  }
  return { oneLane: result.lanes1!, configured: result[`lanes${lanes}`]!, lanes };
}

/**
 * Issue 3: the read endpoint's figures must stay within 10% once the policy checks are in. The checks
 * add no query (relationships come with the row the service loads anyway), so their whole cost is
 * CPU: time the two calls every request of the endpoint makes and compare with its time per request.
 */
function benchPolicy(endpointRequestsPerSecond: number) {
  const actor: Actor = {
    orgId: '0190a000-0000-7000-8000-000000000001', userId: '0190a000-0000-7000-8000-000000000002', role: 'coordinator', displayName: 'x', language: 'nl',
    locationIds: ['0190a000-0000-7000-8000-00000000000a'], sessionIdHash: 'h', csrfToken: 'c', mfaPassed: true, mfaEnrolled: true, isDemo: false,
  };
  const resource = { locationIds: ['0190a000-0000-7000-8000-00000000000a'], subjectUserId: '0190a000-0000-7000-8000-000000000003' };
  const samples: number[] = [];
  for (let round = 0; round < 7; round++) {
    const n = 200_000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      assertAccess({ permission: 'users.read' }, actor);
      authorize(actor, 'users.read', resource, null);
    }
    samples.push(((performance.now() - t0) * 1000) / n);
  }
  const perRequestUs = median(samples);
  const endpointUs = 1_000_000 / endpointRequestsPerSecond;
  return { perRequestUs, shareOfEndpoint: perRequestUs / endpointUs };
}

async function main() {
  const startedAt = performance.now();
  // Other work on the machine skews every figure: record how busy it was.
  const loadBefore = os.loadavg()[0]!;
  const { admin, bench } = databaseUrls();
  log(`PostgreSQL ${new URL(admin).host}, database naast_bench (recreated)`);
  const pgVersion = await freshBenchDatabase(admin);
  log('seeding scale org (one organisation, ten years)');
  const data = await prepare(bench);
  log(`seeded ${data.users} users in ${round(data.seedMs / 1000)} s`);

  const endpoint = await benchEndpoint(bench, data);
  const raw = await benchRaw(bench, data, endpoint.poolMax);
  const policy = benchPolicy(endpoint.requestsPerSecond);
  log('audit writer: appends for one organisation, 50 workers, 1 lane vs configured lanes, 5 s each');
  const auditWriter = await benchAuditWriter(bench, data, endpoint.poolMax, loadConfig({}).auditLanes);
  log('argon2id: 15 hashes at the default cost');
  const argon2 = await benchArgon2();
  const matching = benchMatching({ log });
  // The dossier bench measures on the lists bench's national database (one seed for both), then drops it.
  const keep = process.env.NAAST_BENCH_KEEP;
  process.env.NAAST_BENCH_KEEP = '1';
  const lists = await benchLists(admin);
  if (keep === undefined) delete process.env.NAAST_BENCH_KEEP;
  else process.env.NAAST_BENCH_KEEP = keep;
  const listsDb = new URL(admin);
  listsDb.pathname = '/naast_bench_lists';
  let portal: Awaited<ReturnType<typeof benchPortalOn>> | undefined;
  const dossier = await benchDossierOn(listsDb.toString())
    .then(async (d) => {
      // The parent's home (issue 6) on the same national database.
      portal = await benchPortalOn(listsDb.toString());
      return d;
    })
    .finally(async () => {
    if (keep !== '1') {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query('drop database if exists naast_bench_lists with (force)');
      await c.end();
    }
  });
  log('data export of a large dossier (PGlite)');
  const dataExport = await benchExport();
  log('start-up: 3 × (empty data folder, restart), PGlite with demo');
  const startup = await benchStartup();
  const bundle = bundleSizes();

  const ratio = endpoint.requestsPerSecond / raw.requestsPerSecond;
  const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
  const rows: Array<[string, string, string, string]> = [
    ['endpoint GET /api/v1/users/:id', `${round(endpoint.requestsPerSecond, 0)} req/s`, `p50 ${endpoint.p50} ms, p99 ${endpoint.p99} ms`, verdict(endpoint.p99 <= TARGETS.p99Ms) + ` (p99 ≤ ${TARGETS.p99Ms} ms)`],
    ['raw SQL ceiling (same statements)', `${round(raw.requestsPerSecond, 0)} req/s`, `p50 ${round(raw.p50)} ms, p99 ${round(raw.p99)} ms`, ''],
    ['ratio endpoint / raw', round(ratio, 2).toFixed(2), '', verdict(ratio >= TARGETS.ratio) + ` (≥ ${TARGETS.ratio})`],
    ['audit appends, one organisation', `${round(auditWriter.configured, 0)} /s`, `${auditWriter.lanes} lanes; one lane ${round(auditWriter.oneLane, 0)} /s; endpoint ${round(endpoint.requestsPerSecond, 0)} req/s`, verdict(auditWriter.configured >= endpoint.requestsPerSecond) + ' (> endpoint)'],
    ['policy checks per request (CPU)', `${round(policy.perRequestUs, 2)} µs`, `${round(policy.shareOfEndpoint * 100, 3)}% of the endpoint's time per request`, verdict(policy.shareOfEndpoint <= 0.1) + ' (≤ 10%)'],
    ['argon2id hash (median of 15)', `${round(argon2.medianMs)} ms`, `m=${argon2.memoryKiB} KiB, t=${argon2.iterations}`, verdict(argon2.medianMs >= TARGETS.argon2Min && argon2.medianMs <= TARGETS.argon2Max) + ` (${TARGETS.argon2Min}–${TARGETS.argon2Max} ms)`],
    ['start-up, empty data folder (median of 3)', `${round(startup.emptyDataDirMs / 1000, 2)} s`, 'PGlite + demo', verdict(startup.emptyDataDirMs <= TARGETS.coldStartMs) + ` (≤ ${TARGETS.coldStartMs / 1000} s)`],
    ['start-up, restart (median of 3)', `${round(startup.restartMs / 1000, 2)} s`, 'same data folder', verdict(startup.restartMs <= TARGETS.restartMs) + ` (≤ ${TARGETS.restartMs / 1000} s)`],
    bundle
      ? ['sign-in page JS+CSS (gzip)', `${round(bundle.gzip.total / 1000)} kB`, `JS ${round(bundle.gzip.js / 1000)} kB, CSS ${round(bundle.gzip.css / 1000)} kB`, verdict(bundle.gzip.total <= TARGETS.bundleBytes) + ` (≤ ${TARGETS.bundleBytes / 1000} kB)`]
      : ['sign-in page JS+CSS (gzip)', 'n/a', 'run npm run build first', ''],
    ...matchingRows(matching),
    ...listRows(lists),
    ...dossierRows(dossier),
    ...(portal ? portalRows(portal) : []),
    ...exportRows(dataExport).map((r) => [r[0] ?? '', r[1] ?? '', r[2] ?? '', r[3] ?? ''] as [string, string, string, string]),
  ];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ');
  console.log('');
  console.log(line(['measure', 'result', 'detail', 'target']));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  if (endpoint.p99 > TARGETS.p99Ms) {
    // Little's law: with 50 requests always in flight, latency ≥ 50 / throughput.
    const needed = Math.round((CONNECTIONS * 1000) / TARGETS.p99Ms);
    console.log(`\nNOTE: p99 ≤ ${TARGETS.p99Ms} ms with ${CONNECTIONS} connections needs more than ${needed} req/s; the raw SQL ceiling on this machine is ${round(raw.requestsPerSecond, 0)} req/s (its own p99 ${round(raw.p99)} ms), so no HTTP server could meet it here.`);
  }
  if (endpoint.non2xx || endpoint.errors || endpoint.timeouts) console.log(`\nWARNING: the endpoint run had ${endpoint.non2xx} non-2xx answers, ${endpoint.errors} errors, ${endpoint.timeouts} timeouts.`);
  if (endpoint.auditEventsWritten < endpoint.total) console.log(`\nWARNING: ${endpoint.total} reads but only ${endpoint.auditEventsWritten} audit events.`);

  const cpus = os.cpus();
  const results = {
    date: new Date().toISOString(),
    commit: gitCommit(),
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model,
      memoryGiB: round(os.totalmem() / 2 ** 30),
      platform: `${os.platform()} ${os.release()}`,
      arch: os.arch(),
      loadAverage1m: { before: round(loadBefore, 2), after: round(os.loadavg()[0]!, 2) },
    },
    node: process.version,
    postgres: pgVersion,
    seed: { scale: 'org', users: data.users, usersRotated: data.ids.length, seconds: round(data.seedMs / 1000) },
    endpoint: {
      route: 'GET /api/v1/users/:id',
      connections: CONNECTIONS,
      seconds: SECONDS,
      poolMax: endpoint.poolMax,
      requestsPerSecond: round(endpoint.requestsPerSecond),
      p50Ms: endpoint.p50,
      p99Ms: endpoint.p99,
      maxMs: endpoint.max,
      requests: endpoint.total,
      auditEventsWritten: endpoint.auditEventsWritten,
      non2xx: endpoint.non2xx,
      errors: endpoint.errors,
      timeouts: endpoint.timeouts,
    },
    raw: { workers: CONNECTIONS, seconds: SECONDS, poolMax: endpoint.poolMax, requestsPerSecond: round(raw.requestsPerSecond), p50Ms: round(raw.p50, 2), p99Ms: round(raw.p99, 2), maxMs: round(raw.max, 2), requests: raw.total },
    ratio: round(ratio, 3),
    argon2id: { medianMs: round(argon2.medianMs), memoryKiB: argon2.memoryKiB, iterations: argon2.iterations, samples: argon2.samples },
    auditWriter: { lanes: auditWriter.lanes, appendsPerSecond: round(auditWriter.configured, 0), oneLaneAppendsPerSecond: round(auditWriter.oneLane, 0), seconds: 5, workers: CONNECTIONS },
    policy: { perRequestMicroseconds: round(policy.perRequestUs, 3), shareOfEndpointTime: round(policy.shareOfEndpoint, 5) },
    startup: { emptyDataDirMs: round(startup.emptyDataDirMs, 0), restartMs: round(startup.restartMs, 0), samples: startup.samples },
    bundle: bundle ? { page: bundle.page ?? 'sign-in', gzipJsBytes: bundle.gzip.js, gzipCssBytes: bundle.gzip.css, gzipTotalBytes: bundle.gzip.total } : null,
    matching,
    lists,
    dossier,
    portal,
    export: dataExport,
    targets: TARGETS,
    met: {
      ratio: ratio >= TARGETS.ratio,
      p99: endpoint.p99 <= TARGETS.p99Ms,
      argon2: argon2.medianMs >= TARGETS.argon2Min && argon2.medianMs <= TARGETS.argon2Max,
      coldStart: startup.emptyDataDirMs <= TARGETS.coldStartMs,
      restart: startup.restartMs <= TARGETS.restartMs,
      bundle: bundle ? bundle.gzip.total <= TARGETS.bundleBytes : null,
      matching: matching.local.met,
      lists: lists.met,
      dossier: dossier.met,
      portal: portal?.met ?? null,
      export: dataExport.met,
    },
    totalSeconds: round((performance.now() - startedAt) / 1000),
  };
  const out = path.join(ROOT, 'bench/results/latest.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
  if (loadBefore > cpus.length * 0.5) console.log(`\nNOTE: the machine was busy (load ${round(loadBefore, 2)} on ${cpus.length} CPUs) when the run started; figures are pessimistic.`);
  console.log(`\nWritten to ${path.relative(process.cwd(), out)} (${results.totalSeconds} s in all).`);
}

/** `npm run bench -- dossier`: only the dossier part (its own national seed), merged into the last results. */
async function dossierOnly() {
  const { admin } = databaseUrls();
  const dossier = await benchDossier(admin, process.env.NAAST_BENCH_DOSSIER_URL);
  for (const r of dossierRows(dossier)) console.log(r.join('  '));
  const out = path.join(ROOT, 'bench/results/latest.json');
  const results = fs.existsSync(out) ? (JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, unknown>) : {};
  const cpus = os.cpus();
  results.dossier = { ...dossier, date: new Date().toISOString(), commit: gitCommit(), loadAverage1m: round(os.loadavg()[0]!, 2), cpus: cpus.length };
  results.met = { ...((results.met as Record<string, unknown> | undefined) ?? {}), dossier: dossier.met };
  fs.writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
  console.log(`\nMerged into ${path.relative(process.cwd(), out)}.`);
}

(process.argv[2] === 'export' ? import('./export.js').then((m) => m.exportOnly()) : process.argv[2] === 'dossier' ? dossierOnly() : process.argv[2] === 'portal' ? import('./portal.js').then((m) => m.portalOnly()) : main()).catch((err) => {
  console.error('bench failed:', (err as Error).message);
  process.exit(1);
});
