import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDbKind, type TestDatabase } from '../../test/helpers/db.js';
import { createTestApp } from '../../test/helpers/app.js';
import { sha256 } from '../platform/auth/sessions.js';
import { runCli, SET_PASSWORD_LINK_HOURS } from './commands.js';

const run = promisify(execFile);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'naast-cli-'));
const env = { NODE_ENV: 'test', NAAST_DATA_DIR: dataDir, NAAST_PUBLIC_URL: 'https://naast.example.org/', NAAST_ARGON2_MEMORY_KIB: '8192', NAAST_ARGON2_ITERATIONS: '1' } as NodeJS.ProcessEnv;

let db: TestDatabase;
let second: TestDatabase;

async function cli(db: TestDatabase, ...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { db, env, io: { out: (t) => void (out += t), err: (t) => void (err += t) } });
  return { code, out, err };
}

beforeAll(async () => {
  db = await createTestDatabase();
  second = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
  await second.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('naast command line', () => {
  let orgId: string;
  let helmond: string;

  it('--help lists every command; each command has its own help; unknown input is a usage error (2)', async () => {
    const help = await cli(db, '--help');
    expect(help.code).toBe(0);
    for (const c of ['migrate', 'create-org', 'create-user', 'audit', 'backup', 'restore', 'seed', 'demo', 'run-job']) expect(help.out).toContain(`  ${c}`);
    for (const c of ['migrate', 'create-org', 'create-user', 'audit', 'backup', 'restore', 'seed', 'demo', 'run-job']) {
      const h = await cli(db, c, '--help');
      expect(h.code).toBe(0);
      expect(h.out).toMatch(/^usage: naast /);
    }
    expect((await cli(db)).code).toBe(2);
    expect(await cli(db, 'frobnicate')).toMatchObject({ code: 2, err: expect.stringContaining('unknown command "frobnicate"') });
    expect(await cli(db, 'create-org', '--nmae', 'x')).toMatchObject({ code: 2, err: expect.stringContaining('unknown option --nmae') });
    expect(await cli(db, 'create-org', '--name')).toMatchObject({ code: 2, err: expect.stringContaining('--name needs a value') });
    expect(await cli(db, 'migrate', 'extra')).toMatchObject({ code: 2 });
  });

  it('migrate: the database is already at the code level', async () => {
    expect(await cli(db, 'migrate')).toMatchObject({ code: 0, out: 'database is up to date\n' });
  });

  it('create-org creates the organisation with its locations and audit chain', async () => {
    const r = await cli(db, 'create-org', '--name', 'Stichting CLI', '--location', 'Helmond', '--location=Tilburg');
    expect(r.code).toBe(0);
    orgId = r.out.match(/^organisation (\S+)$/m)![1]!;
    helmond = r.out.match(/^location\s+(\S+)\s+Helmond$/m)![1]!;
    const locs = await db.query<{ name: string }>('select name from locations where org_id = $1 order by name', [orgId]);
    expect(locs.map((l) => l.name)).toEqual(['Helmond', 'Tilburg']);
    const [heads] = await db.query<{ n: number }>('select count(*)::int as n from audit_chain_heads where org_id = $1', [orgId]);
    expect(heads!.n).toBeGreaterThan(0);
    expect((await cli(db, 'create-org')).code).toBe(2);
  });

  it('create-user creates a user without password and prints a single-use set-password link valid 72 hours', async () => {
    const r = await cli(db, 'create-user', '--org', orgId, '--email', 'Coordinator@Example.org', '--name', 'Kees Coördinator', '--role', 'coordinator', '--location', helmond);
    expect(r.code).toBe(0);
    const userId = r.out.match(/^user (\S+)$/m)![1]!;
    const link = r.out.match(/^(https:\/\/naast\.example\.org\/reset-password#token=(\S+)\.(\S+))$/m)!;
    expect(link[2]).toBe(orgId);
    expect(r.out).not.toContain('Coordinator@Example.org'); // no personal data echoed
    const [user] = await db.query<{ password_hash: string | null; role: string; email: string }>('select password_hash, role, email from users where org_id = $1 and id = $2', [orgId, userId]);
    expect(user).toEqual({ password_hash: null, role: 'coordinator', email: 'Coordinator@Example.org' });
    const [reset] = await db.query<{ token_hash: string; hours: number; used_at: Date | null }>(
      `select token_hash, extract(epoch from expires_at - now()) / 3600 as hours, used_at from password_resets where org_id = $1 and user_id = $2`,
      [orgId, userId],
    );
    expect(reset!.token_hash).toBe(sha256(link[3]!));
    expect(Number(reset!.hours)).toBeGreaterThan(SET_PASSWORD_LINK_HOURS - 0.1);
    expect(Number(reset!.hours)).toBeLessThanOrEqual(SET_PASSWORD_LINK_HOURS);
    expect(reset!.used_at).toBeNull();
    const [loc] = await db.query<{ location_id: string }>('select location_id::text from user_locations where org_id = $1 and user_id = $2', [orgId, userId]);
    expect(loc!.location_id).toBe(helmond);
    const [dir] = await db.query<{ user_id: string }>(`select user_id::text from login_directory where email_lower = 'coordinator@example.org'`);
    expect(dir!.user_id).toBe(userId);
    const [audit] = await db.query<{ n: number }>(`select count(*)::int as n from audit_events where org_id = $1 and subject_id = $2 and action = 'create'`, [orgId, userId]);
    expect(audit!.n).toBe(1);
  });

  it('create-user refuses bad input with a clear message', async () => {
    const base = ['create-user', '--org', orgId, '--name', 'X', '--role', 'parent'];
    expect(await cli(db, ...base, '--email', 'coordinator@example.org')).toMatchObject({ code: 1, err: expect.stringContaining('already has an account') });
    expect(await cli(db, ...base, '--email', 'not-an-address')).toMatchObject({ code: 2, err: expect.stringContaining('--email is not valid') });
    expect(await cli(db, 'create-user', '--org', '01930000-0000-7000-8000-000000000000', '--email', 'a@example.org', '--name', 'X', '--role', 'parent')).toMatchObject({
      code: 1,
      err: expect.stringContaining('no organisation with id'),
    });
    expect(await cli(db, ...base.slice(0, -1), 'boss', '--email', 'b@example.org')).toMatchObject({ code: 2, err: expect.stringContaining('--role is not valid') });
    expect(await cli(db, ...base, '--email', 'c@example.org', '--location', '01930000-0000-7000-8000-000000000000')).toMatchObject({ code: 1, err: expect.stringContaining('does not belong') });
    expect(await cli(db, 'create-user', '--org', orgId, '--name', 'F', '--role', 'funder', '--email', 'f@example.org')).toMatchObject({ code: 2, err: expect.stringContaining('--municipality') });
    expect(await cli(db, 'create-user', '--org', orgId, '--name', 'F', '--role', 'funder', '--email', 'f@example.org', '--municipality', 'GM9999')).toMatchObject({ code: 1, err: expect.stringContaining('unknown municipality') });
    const ok = await cli(db, 'create-user', '--org', orgId, '--name', 'F', '--role', 'funder', '--email', 'f@example.org', '--municipality', 'GM0794');
    expect(ok.code).toBe(0);
    const [users] = await db.query<{ n: number }>('select count(*)::int as n from users where org_id = $1', [orgId]);
    expect(users!.n).toBe(2);
  });

  it('audit verify: exit 0 on an intact trail, 1 with the first broken link after tampering', async () => {
    const ok = await cli(db, 'audit', 'verify');
    expect(ok).toMatchObject({ code: 0, out: expect.stringMatching(/audit trail intact: 1 organisation\(s\), 2 event\(s\)/) });
    expect((await cli(db, 'audit', 'verify', '--org', orgId)).code).toBe(0);
    expect((await cli(db, 'audit', 'check')).code).toBe(2);
    // tamper as the owner (the app role cannot UPDATE audit events)
    const [ev] = await db.query<{ lane: number; seq: string }>(`select lane, seq::text from audit_events where org_id = $1 order by occurred_at limit 1`, [orgId]);
    await db.query(`update audit_events set reason = 'rewritten' where org_id = $1 and lane = $2 and seq = $3`, [orgId, ev!.lane, ev!.seq]);
    const broken = await cli(db, 'audit', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`AUDIT TRAIL BROKEN: organisation ${orgId}, lane ${ev!.lane}, event ${ev!.seq}: event content does not match its hash`);
    await db.query(`update audit_events set reason = 'naast create-user' where org_id = $1 and lane = $2 and seq = $3`, [orgId, ev!.lane, ev!.seq]);
    expect((await cli(db, 'audit', 'verify')).code).toBe(0);
  });

  it('backup and restore round-trip through the command line', async () => {
    const file = path.join(dataDir, 'cli-backup.gz');
    const b = await cli(db, 'backup', file);
    expect(b).toMatchObject({ code: 0, out: expect.stringContaining(`backup written to ${file}`) });
    const r = await cli(second, 'restore', file);
    expect(r).toMatchObject({ code: 0, out: expect.stringMatching(/restored \d+ tables, \d+ rows; audit trail intact \(1 organisation\(s\), 2 event\(s\)\)/) });
    const users = async (d: TestDatabase) => d.query<{ id: string; email: string }>('select id::text, email from users order by id');
    expect(await users(second)).toEqual(await users(db));
    expect(await cli(second, 'restore', file)).toMatchObject({ code: 1, err: expect.stringContaining('--force') });
    expect((await cli(second, 'restore', file, '--force')).code).toBe(0);
    expect(await cli(second, 'restore', path.join(dataDir, 'missing.gz'))).toMatchObject({ code: 1, err: expect.stringContaining('not found') });
    expect((await cli(second, 'backup')).code).toBe(2);
  });

  it('the set-password link works in the real app: the user chooses a password once, then signs in', async () => {
    const t = await createTestApp();
    try {
      const org = await cli(t.db, 'create-org', '--name', 'Stichting Link');
      const id = org.out.match(/^organisation (\S+)$/m)![1]!;
      const user = await cli(t.db, 'create-user', '--org', id, '--email', 'ouder@example.org', '--name', 'Ouder', '--role', 'parent');
      const token = user.out.match(/#token=(\S+)$/m)![1]!;
      const password = 'een lang en eigen wachtwoord';
      const set = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password/reset', payload: { token, password } });
      expect(set.statusCode).toBe(204);
      const again = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password/reset', payload: { token, password: 'nog een ander wachtwoord' } });
      expect(again.statusCode).toBeGreaterThanOrEqual(400);
      const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'ouder@example.org', password } });
      expect(login.statusCode).toBe(200);
      expect(login.json()).toMatchObject({ next: 'done' });
    } finally {
      await t.close();
    }
  });

  it('seed and demo remove validate their arguments', async () => {
    expect(await cli(db, 'seed', '--scale', 'planet')).toMatchObject({ code: 2, err: expect.stringContaining('--scale must be one of org, region, national') });
    expect(await cli(db, 'seed', '--scale', 'org', '--seed', 'abc')).toMatchObject({ code: 2 });
    expect(await cli(db, 'demo', 'keep')).toMatchObject({ code: 2 });
    expect(await cli(db, 'demo', 'remove')).toMatchObject({ code: 0, out: 'no demo accounts found\n' });
  });

  it('run-job lists the scheduled jobs, runs one once and refuses an unknown name', async () => {
    const list = await cli(db, 'run-job');
    expect(list.code).toBe(0);
    expect(list.out).toContain('intake-first-contact-reminders  * * * * *');
    expect(list.out).toContain('platform-housekeeping');
    await db.query(`insert into auth_throttle (key, failures, last_failure_at) values ('ip:cli-old', 2, now() - interval '3 days')`);
    const ran = await cli(db, 'run-job', 'platform-housekeeping');
    expect(ran).toMatchObject({ code: 0, out: expect.stringMatching(/^platform-housekeeping done: sessions \d+, passwordResets \d+, authThrottle 1\n$/) });
    expect(await cli(db, 'run-job', 'nope')).toMatchObject({ code: 2, err: expect.stringContaining('unknown job "nope"') });
  });

  it('the real entry point runs as a process against the same database settings as the server', async () => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, DATABASE_URL: '' };
    if (testDbKind() === 'postgres') childEnv.DATABASE_URL = db.url;
    else childEnv.NAAST_DATA_DIR = fs.mkdtempSync(path.join(dataDir, 'pglite-')); // a fresh embedded database
    const node = (args: string[]) => run(process.execPath, ['--import', 'tsx', 'src/cli/naast.ts', ...args], { env: childEnv, cwd: path.resolve(import.meta.dirname, '../..') });
    const m = await node(['migrate']);
    expect(m.stdout).toMatch(testDbKind() === 'postgres' ? /database is up to date/ : /applied \d+ migration\(s\)/);
    const v = await node(['audit', 'verify']);
    expect(v.stdout).toMatch(/audit trail intact/);
    const bad = await node(['create-org', '--nmae', 'x']).catch((e: { code: number; stderr: string }) => e);
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown option --nmae') });
  }, 60_000);
});
