import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase, testDbKind, type TestDatabase } from '../../../test/helpers/db.js';
import { createOrganisation } from '../../modules/organisations/public.js';
import { recordAudit, verifyAudit } from '../audit/index.js';
import { createUser } from '../auth/accounts.js';
import { createSession, sha256 } from '../auth/sessions.js';
import { invitations, passwordResets, securityEvents } from '../auth/tables.js';
import { mailOutbox } from '../mail/tables.js';
import { organisations } from '../../modules/organisations/tables.js';
import { backupDatabase, readBackupHeader, restoreDatabase, tablesInForeignKeyOrder } from './backup.js';
import { uuidv7 } from './ids.js';
import { openDatabase, rowsOf, type Database } from './index.js';
import { migrate } from './migrate.js';

let source: TestDatabase;
let target: TestDatabase;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'naast-backup-'));
const file = path.join(dir, 'naast.backup.gz');

// Column types the schema does not use yet (bytea, numeric, interval, generated and identity columns,
// a bigint beyond 2^53): a probe table in both databases proves the format carries them exactly.
const PROBE = `create table backup_probe (
  id bigint primary key, big bigint, n numeric, f float8, tags text[], ids uuid[], doc jsonb, raw bytea, at timestamptz, d date, span interval,
  twice bigint generated always as (id * 2) stored, serial_no bigint generated always as identity)`;

async function fill(db: Database) {
  const a = await createOrganisation(db, {
    name: 'Stichting "Ouders" & Co — Ł ü 🙂',
    locations: ['Helmond', "'s-Hertogenbosch"],
    workArea: [
      { municipalityCode: 'GM0794', location: 'Helmond', funding: 'subsidy' },
      { municipalityCode: 'GM0796', location: "'s-Hertogenbosch", funding: 'per_trajectory' },
    ],
  });
  const b = await createOrganisation(db, { name: 'Stichting B', locations: ['Tilburg'] });
  await db.withSystem(async (tx) => {
    await tx.update(organisations).set({ settings: { nested: { list: [1, 2.5, 'drie', null, true], quote: 'a "b" \\ c\nd' }, emoji: '🙂' } }).where(sql`org_id = ${a.orgId}`);
    const admin = await createUser(tx, { orgId: a.orgId, email: 'Admin@Example.org', displayName: "Anne 'Beheer' O'Neil", role: 'admin', passwordHash: '$argon2id$v=19$m=8192,t=1,p=1$c2FsdA$aGFzaA' });
    const coord = await createUser(tx, { orgId: a.orgId, email: 'coord@example.org', displayName: 'Coördinator', role: 'coordinator', locationIds: [a.locationIds.Helmond!] });
    await createUser(tx, { orgId: a.orgId, email: 'funder@example.org', displayName: 'Gemeente', role: 'funder', funderMunicipalityCode: 'GM0794' });
    await createUser(tx, { orgId: b.orgId, email: 'b@example.org', displayName: 'B', role: 'admin', language: 'en' });
    await tx.insert(invitations).values({
      orgId: a.orgId, id: uuidv7(), email: 'new@example.org', displayName: 'Nieuw', role: 'volunteer',
      locationIds: [a.locationIds.Helmond!, a.locationIds["'s-Hertogenbosch"]!], tokenHash: sha256('x'), invitedBy: admin, expiresAt: new Date(Date.now() + 3600_000),
    });
    await tx.insert(passwordResets).values({ orgId: a.orgId, id: uuidv7(), userId: coord, tokenHash: sha256('y'), expiresAt: new Date() });
    await tx.insert(mailOutbox).values({ orgId: a.orgId, id: uuidv7(), toAddress: 'new@example.org', subject: 'Welkom', textBody: 'Regel 1\nRegel 2\t€' });
    await tx.insert(securityEvents).values({ id: uuidv7(), kind: 'login_unknown', emailHash: sha256('nobody'), ip: '::1' });
    await tx.execute(sql`insert into auth_throttle (key, failures, locked_until) values ('ip:127.0.0.1', 3, now() + interval '5 minutes')`);
    await tx.execute(sql`insert into backup_probe (id, big, n, f, tags, ids, doc, raw, at, d, span) values
      (1, 9007199254740993, 12345678901234567890.123456789, 0.1, array['a', 'b,c', 'd"e', null], array[${a.orgId}::uuid], '{"k": [1, {"x": null}]}', '\\x00ff10', '2024-02-29 23:59:59.123456+01', '2024-02-29', '1 year 2 mons 3 days 04:05:06.5'),
      (2, -9223372036854775808, -0.5, 'NaN', '{}', '{}', 'null', '', '-infinity', '0001-01-01', '-1 day'),
      (3, null, null, null, null, null, null, null, null, null, null)`);
    await createSession(tx, { orgId: a.orgId, userId: admin, mfaPassed: true });
  });
  for (let i = 0; i < 40; i++) {
    await db.withTenant(a.orgId, (tx) => recordAudit(tx, { orgId: a.orgId, actorRole: 'admin', action: i % 2 ? 'read' : 'update', resourceType: 'user', resourceId: `r${i}`, ip: '10.0.0.1', userAgent: 'Mozilla/5.0 "quoted"', reason: i === 3 ? 'break-the-glass: spoed' : null }));
  }
  await db.withTenant(b.orgId, (tx) => recordAudit(tx, { orgId: b.orgId, action: 'login', resourceType: 'session' }));
  return { a, b };
}

/** Every table's rows as jsonb text in primary-key order, in UTC so both drivers print times alike. */
async function snapshot(db: Database): Promise<Record<string, string[]>> {
  return db.withSystem(async (tx) => {
    await tx.execute(sql`set local timezone = 'UTC'`);
    const out: Record<string, string[]> = {};
    for (const t of await tablesInForeignKeyOrder(tx)) {
      const rows = rowsOf<{ j: string }>(await tx.execute(sql.raw(`select to_jsonb(t)::text as j from public."${t}" t order by 1`)));
      out[t] = rows.map((r) => r.j);
    }
    return out;
  });
}

let before: Record<string, string[]>;

beforeAll(async () => {
  source = await createTestDatabase();
  target = await createTestDatabase();
  for (const db of [source, target]) await db.query(PROBE);
  await fill(source);
  before = await snapshot(source);
});
afterAll(async () => {
  await source.drop();
  await target.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('writes a gzip JSON-lines file with a header naming the migration level', async () => {
    const res = await backupDatabase(source, file);
    expect(res.tables).toBe(Object.keys(before).length);
    expect(res.rows).toBe(Object.values(before).reduce((s, r) => s + r.length, 0));
    const header = await readBackupHeader(file);
    expect(header).toMatchObject({ t: 'header', format: 'naast-backup', version: 1, driver: testDbKind() });
    expect(header.migrations.count).toBeGreaterThanOrEqual(5);
    expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
    const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').trim().split('\n');
    expect(JSON.parse(lines.at(-1)!)).toEqual({ t: 'end', tables: res.tables, rows: res.rows });
    // parents before children
    const order = lines.filter((l) => l.startsWith('{"t":"table"')).map((l) => JSON.parse(l).name as string);
    expect(order.indexOf('organisations')).toBeLessThan(order.indexOf('users'));
    expect(order.indexOf('users')).toBeLessThan(order.indexOf('sessions'));
    expect(order.indexOf('locations')).toBeLessThan(order.indexOf('work_area'));
    expect(order.indexOf('municipalities')).toBeLessThan(order.indexOf('work_area'));
  });

  it('restores every row of every table exactly into a fresh database, and the audit chain verifies', async () => {
    const res = await restoreDatabase(target, file);
    expect(res.audit).toMatchObject({ ok: true, orgsChecked: 2, eventsChecked: 41 });
    const after = await snapshot(target);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const t of Object.keys(before)) expect({ t, rows: after[t] }).toEqual({ t, rows: before[t] });
    expect(await verifyAudit(target)).toMatchObject({ ok: true, eventsChecked: 41 });
    // the bigint beyond 2^53 and the generated columns came through; identity continues after the restored values
    const [probe] = await target.query<{ big: string; twice: string }>('select big::text, twice::text from backup_probe where id = 1');
    expect(probe).toEqual({ big: '9007199254740993', twice: '2' });
    await target.query('insert into backup_probe (id) values (4)');
    const [next] = await target.query<{ serial_no: string }>('select serial_no::text from backup_probe where id = 4');
    expect(next!.serial_no).toBe('4');
    await target.query('delete from backup_probe where id = 4');
  });

  it('refuses a database that already holds organisations, and --force replaces everything', async () => {
    await expect(restoreDatabase(target, file)).rejects.toThrow(/already holds 2 organisation\(s\).*--force/);
    await createOrganisation(target, { name: 'Extra' });
    await restoreDatabase(target, file, { force: true });
    const after = await snapshot(target);
    for (const t of Object.keys(before)) expect({ t, rows: after[t] }).toEqual({ t, rows: before[t] });
  });

  it('changes nothing when the file is damaged or was made at another migration level', async () => {
    const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').trim().split('\n');
    const damaged = path.join(dir, 'damaged.gz');
    // cut off: no end marker
    fs.writeFileSync(damaged, zlib.gzipSync(lines.slice(0, -5).join('\n') + '\n'));
    await expect(restoreDatabase(target, damaged, { force: true })).rejects.toThrow(/damaged|incomplete/);
    // a tampered audit event: the chain check inside the transaction rolls everything back
    const tampered = lines.map((l) => (l.includes('"resource_id": "r7"') ? l.replace('"r7"', '"r8"') : l));
    fs.writeFileSync(damaged, zlib.gzipSync(tampered.join('\n') + '\n'));
    await expect(restoreDatabase(target, damaged, { force: true })).rejects.toThrow(/audit trail does not verify/);
    // another migration level
    const header = JSON.parse(lines[0]!);
    header.migrations.count += 1;
    fs.writeFileSync(damaged, zlib.gzipSync([JSON.stringify(header), ...lines.slice(1)].join('\n') + '\n'));
    await expect(restoreDatabase(target, damaged, { force: true })).rejects.toThrow(/migration level/);
    fs.writeFileSync(damaged, 'not a backup');
    await expect(restoreDatabase(target, damaged, { force: true })).rejects.toThrow(/not a Naast backup/);
    const after = await snapshot(target);
    for (const t of Object.keys(before)) expect({ t, rows: after[t] }).toEqual({ t, rows: before[t] });
  });

  it('a PostgreSQL backup restores into the embedded database (and back)', async () => {
    if (testDbKind() !== 'postgres') return; // the PGlite run proves PGlite → PGlite; this crosses drivers
    const embedded = await openDatabase({});
    try {
      await migrate(embedded);
      await embedded.query(PROBE);
      await restoreDatabase(embedded, file);
      const after = await snapshot(embedded);
      for (const t of Object.keys(before)) expect({ t, rows: after[t] }).toEqual({ t, rows: before[t] });
      const back = path.join(dir, 'from-pglite.gz');
      await backupDatabase(embedded, back);
      await restoreDatabase(target, back, { force: true });
      const again = await snapshot(target);
      for (const t of Object.keys(before)) expect({ t, rows: again[t] }).toEqual({ t, rows: before[t] });
    } finally {
      await embedded.close();
    }
  }, 60_000);
});
