import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { recordAudit } from './platform/audit/index.js';
import { createUser } from './platform/auth/accounts.js';
import { hashPassword } from './platform/auth/passwords.js';
import type { Role } from './platform/auth/tables.js';
import type { Config } from './platform/config.js';
import { rowsOf, type Database } from './platform/db/index.js';
import { createOrganisation, hasOrganisations, removeOrganisation, type NewOrganisation } from './modules/organisations/public.js';
import { seedDemoApplications } from './modules/intake/demo.js';
import { seedDemoVolunteers } from './modules/matching/demo.js';
import { seedDemoTrajectories } from './modules/trajectories/demo.js';

export const DEMO_ORG_NAME = 'Stichting Naast Demo';
export const DEMO_ACCOUNTS_FILE = 'demo-accounts.txt';

/** Issue 3: locations Helmond, Tilburg, 's-Hertogenbosch and a work area in Noord-Brabant (CBS codes). */
export const DEMO_ORGANISATION: NewOrganisation = {
  name: DEMO_ORG_NAME,
  locations: ['Helmond', 'Tilburg', "'s-Hertogenbosch"],
  workArea: [
    { municipalityCode: 'GM0794', location: 'Helmond', funding: 'subsidy' }, // Helmond
    { municipalityCode: 'GM1652', location: 'Helmond', funding: 'per_trajectory' }, // Gemert-Bakel
    { municipalityCode: 'GM1659', location: 'Helmond', funding: 'per_trajectory' }, // Laarbeek
    { municipalityCode: 'GM0762', location: 'Helmond', funding: 'subsidy' }, // Deurne
    { municipalityCode: 'GM0743', location: 'Helmond', funding: 'per_trajectory' }, // Asten
    { municipalityCode: 'GM0847', location: 'Helmond', funding: 'per_trajectory' }, // Someren
    { municipalityCode: 'GM1771', location: 'Helmond', funding: 'subsidy' }, // Geldrop-Mierlo
    { municipalityCode: 'GM0855', location: 'Tilburg', funding: 'subsidy' }, // Tilburg
    { municipalityCode: 'GM0785', location: 'Tilburg', funding: 'per_trajectory' }, // Goirle
    { municipalityCode: 'GM0824', location: 'Tilburg', funding: 'per_trajectory' }, // Oisterwijk
    { municipalityCode: 'GM0798', location: 'Tilburg', funding: 'per_trajectory' }, // Hilvarenbeek
    { municipalityCode: 'GM0766', location: 'Tilburg', funding: 'subsidy' }, // Dongen
    { municipalityCode: 'GM0867', location: 'Tilburg', funding: 'subsidy' }, // Waalwijk
    { municipalityCode: 'GM0796', location: "'s-Hertogenbosch", funding: 'subsidy' }, // 's-Hertogenbosch
    { municipalityCode: 'GM0865', location: "'s-Hertogenbosch", funding: 'per_trajectory' }, // Vught
    { municipalityCode: 'GM0845', location: "'s-Hertogenbosch", funding: 'per_trajectory' }, // Sint-Michielsgestel
    { municipalityCode: 'GM0797', location: "'s-Hertogenbosch", funding: 'per_trajectory' }, // Heusden
    { municipalityCode: 'GM0828', location: "'s-Hertogenbosch", funding: 'subsidy' }, // Oss
    { municipalityCode: 'GM1948', location: "'s-Hertogenbosch", funding: 'subsidy' }, // Meierijstad
  ],
};

interface DemoAccount {
  role: Role;
  email: string;
  displayName: string;
  location?: string;
  funderMunicipalityCode?: string;
}

/** Clearly fictional people; one per role. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { role: 'admin', email: 'admin@demo.naast.nl', displayName: 'Demo Beheerder' },
  { role: 'coordinator', email: 'coordinator@demo.naast.nl', displayName: 'Demo Coördinator', location: 'Helmond' },
  { role: 'volunteer', email: 'volunteer@demo.naast.nl', displayName: 'Demo Vrijwilliger', location: 'Helmond' },
  { role: 'parent', email: 'parent@demo.naast.nl', displayName: 'Demo Ouder' },
  { role: 'funder', email: 'funder@demo.naast.nl', displayName: 'Demo Gemeente Helmond', funderMunicipalityCode: 'GM0794' },
];

export class DemoInProductionError extends Error {
  constructor() {
    super('Demo accounts exist in this database; Naast refuses to start with NODE_ENV=production. Remove them first: npm run naast -- demo remove');
  }
}

export interface DemoResult {
  orgId: string;
  accounts: Array<{ role: Role; email: string; password: string; userId: string }>;
  file: string;
}

/**
 * Demo data (issue 3): on the first start with the embedded database and NAAST_DEMO≠0, create
 * "Stichting Naast Demo" with one account per role; refuse production while demo accounts exist.
 * Returns what it created, or undefined when it created nothing.
 */
export async function ensureDemo(db: Database, config: Config, out: (text: string) => void = (t) => process.stdout.write(t)): Promise<DemoResult | undefined> {
  const [{ n } = { n: 0 }] = await db.query<{ n: number }>('select count(*)::int as n from users where is_demo');
  if (config.env === 'production' && n > 0) throw new DemoInProductionError();
  if (!config.demo || db.kind !== 'pglite' || config.env === 'production') return undefined;
  if (await hasOrganisations(db)) return undefined;

  // Hash in parallel: argon2 runs off the main thread, and start-up must stay fast (≤6 s fresh).
  const passwords = DEMO_ACCOUNTS.map(() => randomBytes(18).toString('base64url'));
  const hashes = await Promise.all(passwords.map((p) => hashPassword(p)));
  const { orgId, locationIds } = await createOrganisation(db, DEMO_ORGANISATION);
  const accounts = await db.withSystem(async (tx) => {
    const created: DemoResult['accounts'] = [];
    for (const [i, a] of DEMO_ACCOUNTS.entries()) {
      const userId = await createUser(tx, {
        orgId,
        email: a.email,
        displayName: a.displayName,
        role: a.role,
        passwordHash: hashes[i]!,
        locationIds: a.location ? [locationIds[a.location]!] : [],
        funderMunicipalityCode: a.funderMunicipalityCode ?? null,
        isDemo: true,
      });
      await recordAudit(tx, { orgId, actorRole: 'system', subjectId: userId, action: 'create', resourceType: 'user', resourceId: userId, reason: 'demo data' });
      created.push({ role: a.role, email: a.email, password: passwords[i]!, userId });
    }
    return created;
  });
  await seedDemoApplications(db, orgId, locationIds);
  await seedDemoVolunteers(db, orgId, locationIds, accounts.find((a) => a.role === 'volunteer')!.userId);
  await seedDemoTrajectories(db, orgId, locationIds, accounts.find((a) => a.role === 'volunteer')!.userId, accounts.find((a) => a.role === 'parent')?.userId ?? null);

  const file = path.join(config.dataDir, DEMO_ACCOUNTS_FILE);
  fs.mkdirSync(config.dataDir, { recursive: true });
  const width = Math.max(...accounts.map((a) => a.email.length));
  const lines = accounts.map((a) => `${a.role.padEnd(12)}${a.email.padEnd(width + 2)}${a.password}`);
  fs.writeFileSync(
    file,
    [
      `# Naast demo accounts of "${DEMO_ORG_NAME}", created ${new Date().toISOString()}.`,
      '# One line per account: role, sign-in address, password. Demo staff may sign in without two-factor.',
      '# Fictional people for trying Naast out; never use them with real data.',
      ...lines,
      `# Public application form: ${config.publicUrl}/aanmelden/${orgId}`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  fs.chmodSync(file, 0o600); // writeFileSync keeps the mode of an existing file

  const rule = '='.repeat(72);
  out(
    [
      '',
      rule,
      `  Demo organisation "${DEMO_ORG_NAME}" created. Demo accounts (shown once):`,
      '',
      ...lines.map((l) => `  ${l}`),
      '',
      `  Public application form: ${config.publicUrl}/aanmelden/${orgId}`,
      `  Also written to ${file}`,
      rule,
      '',
    ].join('\n') + '\n',
  );
  return { orgId, accounts, file };
}

export interface DemoRemoval {
  organisationsRemoved: number;
  usersRemoved: number;
}

/**
 * `naast demo remove`: an organisation with only demo users (the demo organisation) goes entirely;
 * elsewhere only the demo users go, so production may start.
 */
export async function removeDemo(db: Database, config: Pick<Config, 'dataDir'>): Promise<DemoRemoval> {
  const orgs = await db.query<{ org_id: string; demo: number; other: number }>(
    `select org_id::text, count(*) filter (where is_demo)::int as demo, count(*) filter (where not is_demo)::int as other
       from users group by org_id having count(*) filter (where is_demo) > 0 order by org_id`,
  );
  let organisationsRemoved = 0;
  let usersRemoved = 0;
  for (const o of orgs) {
    if (o.other === 0) {
      await removeOrganisation(db, o.org_id);
      organisationsRemoved++;
      usersRemoved += o.demo;
    } else {
      usersRemoved += await db.withSystem(async (tx) => {
        const gone = rowsOf<{ id: string }>(
          await tx.execute(sql`
            with gone as (delete from users where org_id = ${o.org_id} and is_demo returning org_id, id),
                 dir as (delete from login_directory l using gone where l.org_id = gone.org_id and l.user_id = gone.id)
            select id::text from gone`),
        );
        for (const u of gone) {
          await recordAudit(tx, { orgId: o.org_id, actorRole: 'system', subjectId: u.id, action: 'delete', resourceType: 'user', resourceId: u.id, reason: 'demo accounts removed' });
        }
        return gone.length;
      });
    }
  }
  fs.rmSync(path.join(config.dataDir, DEMO_ACCOUNTS_FILE), { force: true });
  return { organisationsRemoved, usersRemoved };
}
