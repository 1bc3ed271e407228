#!/usr/bin/env node
// `npm test`: the whole suite. Type check and lint, unit tests, every *.db.test.ts against PGlite and
// PostgreSQL, then the browser tests. Ends with one line "N passed, N failed[, N skipped]".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ensureTools } from './ensure-tools.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const requirePostgres = process.env.NAAST_REQUIRE_POSTGRES === '1';
const pgUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const only = process.argv.slice(2); // e.g. `npm test -- unit` to run some steps
const wants = (step) => only.length === 0 || only.includes(step);

const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];

function run(label, cmd, args, env = {}) {
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) problems.push(`${label} failed (exit ${r.status ?? r.signal})`);
  return r.status === 0;
}

async function postgresAnswers() {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function vitest(label, args, env = {}) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'naast-vitest-')), 'report.json');
  const ok = run(label, 'npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], env);
  try {
    const report = JSON.parse(fs.readFileSync(out, 'utf8'));
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests;
    totals.skipped += report.numPendingTests + report.numTodoTests;
    if (report.numTotalTests === 0) problems.push(`${label} ran no test`);
  } catch {
    if (ok) problems.push(`${label}: no test report`);
    totals.failed += ok ? 0 : 1;
  }
}

const havePostgres = await postgresAnswers();
if (!havePostgres) {
  const line = `PostgreSQL does not answer at ${pgUrl.replace(/\/\/[^@]*@/, '//')} (set DATABASE_URL)`;
  if (requirePostgres) {
    console.error(`✖ ${line}; NAAST_REQUIRE_POSTGRES=1, so the suite fails.`);
    process.exit(1);
  }
  console.log(`⚠ ${line}: the PostgreSQL half of the suite is skipped; only PGlite runs.`);
}

if (wants('static')) {
  run('type check (tsc)', 'npx', ['tsc', '--noEmit', '-p', '.']);
  run('lint (eslint)', 'npx', ['eslint', '--max-warnings=0', '.']);
}
if (wants('unit') || wants('db')) {
  // pdftotext and pandoc read our PDF/DOCX exports back in the tests.
  try {
    ensureTools();
  } catch (err) {
    console.log(`⚠ ${err.message}`);
  }
  const projects = ['--project', 'unit', '--project', 'pglite', ...(havePostgres ? ['--project', 'postgres'] : [])];
  vitest(`unit + integration (${havePostgres ? 'PGlite and PostgreSQL' : 'PGlite only'})`, projects, havePostgres ? { DATABASE_URL: pgUrl } : {});
}
if (wants('e2e')) {
  const ok = run('web build', 'node', ['scripts/build.mjs']);
  if (ok) vitest('browser tests (Playwright + axe)', ['--config', 'vitest.e2e.config.ts']);
}

console.log('');
for (const p of problems) console.log(`✖ ${p}`);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(problems.length || totals.failed ? 1 : 0);
