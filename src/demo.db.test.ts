import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/helpers/db.js';
import { loadConfig, type Config } from './platform/config.js';
import { configurePlatform } from './main.js';
import { verifyAudit } from './platform/audit/index.js';
import { createUser } from './platform/auth/accounts.js';
import { verifyPassword } from './platform/auth/passwords.js';
import { createOrganisation } from './modules/organisations/public.js';
import { DEMO_ACCOUNTS_FILE, DemoInProductionError, ensureDemo, removeDemo } from './demo.js';
import type { Database } from './platform/db/index.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'naast-demo-'));
const config = (env: Record<string, string> = {}): Config =>
  loadConfig({ NODE_ENV: 'test', NAAST_DATA_DIR: dataDir, NAAST_ARGON2_MEMORY_KIB: '8192', NAAST_ARGON2_ITERATIONS: '1', ...env });
// The demo is only created in the embedded database; on the PostgreSQL run this view lets the same
// checks cover the data path while the real handle proves the server is left alone.
const asEmbedded = (db: Database): Database => ({ ...db, kind: 'pglite' });
const file = path.join(dataDir, DEMO_ACCOUNTS_FILE);

let db: TestDatabase;
beforeAll(async () => {
  configurePlatform(config());
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The browser tests' parser (test/e2e/harness.ts), kept identical on purpose. */
function parseAccounts(text: string) {
  const out: Record<string, { email: string; password: string }> = {};
  for (const line of text.split('\n')) {
    const m = line.match(/(admin|coordinator|volunteer|parent|funder)\S*\s.*?(\S+@\S+)\s+(\S+)\s*$/);
    if (m) out[m[1]!] = { email: m[2]!, password: m[3]! };
  }
  return out;
}

describe('demo data', () => {
  it('is never created in a PostgreSQL server database or with NAAST_DEMO=0', async () => {
    if (db.kind === 'postgres') expect(await ensureDemo(db, config(), () => undefined)).toBeUndefined();
    expect(await ensureDemo(asEmbedded(db), config({ NAAST_DEMO: '0' }), () => undefined)).toBeUndefined();
    const [orgs] = await db.query<{ n: number }>('select count(*)::int as n from organisations');
    expect(orgs!.n).toBe(0);
  });

  it('the first start creates "Stichting Naast Demo" with one account per role, printed once and written to the data folder', async () => {
    let printed = '';
    const res = await ensureDemo(asEmbedded(db), config(), (t) => void (printed += t));
    expect(res).toBeDefined();
    const [org] = await db.query<{ org_id: string; name: string }>('select org_id::text, name from organisations');
    expect(org).toEqual({ org_id: res!.orgId, name: 'Stichting Naast Demo' });
    const locs = await db.query<{ name: string }>('select name from locations where org_id = $1 order by name', [res!.orgId]);
    expect(locs.map((l) => l.name).sort()).toEqual(["'s-Hertogenbosch", 'Helmond', 'Tilburg'].sort());
    const area = await db.query<{ code: string; location: string; funding: string; province: string }>(
      `select w.municipality_code as code, l.name as location, w.funding, m.province
         from work_area w join locations l on l.org_id = w.org_id and l.id = w.location_id join municipalities m on m.code = w.municipality_code
        where w.org_id = $1`,
      [res!.orgId],
    );
    expect(area.length).toBeGreaterThanOrEqual(15);
    expect(new Set(area.map((a) => a.province))).toEqual(new Set(['Noord-Brabant']));
    expect(new Set(area.map((a) => a.funding))).toEqual(new Set(['subsidy', 'per_trajectory']));
    expect(area.find((a) => a.code === 'GM0794')?.location).toBe('Helmond');
    expect(area.find((a) => a.code === 'GM0855')?.location).toBe('Tilburg');
    expect(area.find((a) => a.code === 'GM0796')?.location).toBe("'s-Hertogenbosch");

    const users = await db.query<{ id: string; role: string; email: string; is_demo: boolean; password_hash: string; funder_municipality_code: string | null; locations: string[] }>(
      `select u.id::text, u.role, u.email, u.is_demo, u.password_hash, u.funder_municipality_code,
              coalesce((select array_agg(l.name) from user_locations ul join locations l on l.org_id = ul.org_id and l.id = ul.location_id
                         where ul.org_id = u.org_id and ul.user_id = u.id), '{}') as locations
         from users u where u.org_id = $1 and u.password_hash is not null order by u.role`, // the sign-in accounts (demo volunteers for matching have none)
      [res!.orgId],
    );
    expect(users.map((u) => u.role)).toEqual(['admin', 'coordinator', 'funder', 'parent', 'volunteer']);
    expect(users.every((u) => u.is_demo)).toBe(true);
    expect(users.find((u) => u.role === 'coordinator')!.locations).toEqual(['Helmond']);
    expect(users.find((u) => u.role === 'volunteer')!.locations).toEqual(['Helmond']);
    expect(users.find((u) => u.role === 'funder')!.funder_municipality_code).toBe('GM0794');
    expect(users.find((u) => u.role === 'admin')!.email).toBe('admin@demo.naast.nl');

    // the file: mode 0600, a header, one parseable line per account whose password matches its hash
    expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
    const text = fs.readFileSync(file, 'utf8');
    expect(text.startsWith('#')).toBe(true);
    const lines = text.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(lines).toHaveLength(5);
    const parsed = parseAccounts(text);
    expect(Object.keys(parsed).sort()).toEqual(['admin', 'coordinator', 'funder', 'parent', 'volunteer']);
    for (const u of users) {
      const acc = parsed[u.role]!;
      expect(acc.email).toBe(u.email);
      expect(acc.password.length).toBeGreaterThanOrEqual(16);
      expect(await verifyPassword(u.password_hash, acc.password)).toBe(true);
      expect(lines).toContain(`${u.role.padEnd(12)}${acc.email.padEnd(27)}${acc.password}`);
      expect(printed).toContain(acc.password);
    }
    expect(new Set(Object.values(parsed).map((a) => a.password)).size).toBe(5);
    expect(printed).toContain(file);
    // where parents apply, so the demo can be tried signed out
    expect(text).toContain(`/aanmelden/${res!.orgId}`);
    expect(printed).toContain(`/aanmelden/${res!.orgId}`);
    // creating the accounts is audited
    const [events] = await db.query<{ n: number; users: number }>(
      `select count(*)::int as n, (select count(*)::int from users where org_id = $1) as users from audit_events where org_id = $1 and action = 'create' and resource_type = 'user'`,
      [res!.orgId],
    );
    expect(events!.n).toBe(events!.users);
    expect(await verifyAudit(db)).toMatchObject({ ok: true });
  });

  it('a second start creates nothing and leaves the file alone', async () => {
    const before = fs.readFileSync(file, 'utf8');
    let printed = '';
    expect(await ensureDemo(asEmbedded(db), config(), (t) => void (printed += t))).toBeUndefined();
    expect(printed).toBe('');
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    const [n] = await db.query<{ orgs: number; users: number }>('select (select count(*)::int from organisations) as orgs, (select count(*)::int from users where password_hash is not null) as users');
    expect(n).toEqual({ orgs: 1, users: 5 });
  });

  it('production refuses to start while demo accounts exist, until `naast demo remove`', async () => {
    await expect(ensureDemo(db, config({ NODE_ENV: 'production' }))).rejects.toThrow(DemoInProductionError);
    await expect(ensureDemo(db, config({ NODE_ENV: 'production' }))).rejects.toThrow(/refuses to start with NODE_ENV=production/);
    // an organisation with real users keeps them; only its demo account goes
    const real = await createOrganisation(db, { name: 'Echte stichting', locations: ['Breda'] });
    const keep = await db.withSystem((tx) => createUser(tx, { orgId: real.orgId, email: 'echt@example.org', displayName: 'Echt', role: 'admin' }));
    await db.withSystem((tx) => createUser(tx, { orgId: real.orgId, email: 'demo2@example.org', displayName: 'Demo', role: 'parent', isDemo: true }));

    const [demo] = await db.query<{ n: number }>('select count(*)::int as n from users where is_demo');
    expect(await removeDemo(db, config())).toEqual({ organisationsRemoved: 1, usersRemoved: demo!.n });
    const orgs = await db.query<{ name: string }>('select name from organisations');
    expect(orgs.map((o) => o.name)).toEqual(['Echte stichting']);
    const users = await db.query<{ id: string }>('select id::text from users');
    expect(users.map((u) => u.id)).toEqual([keep]);
    const [dir] = await db.query<{ n: number }>('select count(*)::int as n from login_directory');
    expect(dir!.n).toBe(1);
    expect(fs.existsSync(file)).toBe(false);
    expect(await verifyAudit(db)).toMatchObject({ ok: true });
    expect(await ensureDemo(db, config({ NODE_ENV: 'production' }))).toBeUndefined();
    // a database that already has an organisation gets no demo
    expect(await ensureDemo(asEmbedded(db), config(), () => undefined)).toBeUndefined();
  });
});
