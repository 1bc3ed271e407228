import type { PgTable } from 'drizzle-orm/pg-core';
import { ensureAuditHeads, recordAudit } from '../platform/audit/index.js';
import { hashPassword } from '../platform/auth/passwords.js';
import { loginDirectory, userLocations, users, type Role } from '../platform/auth/tables.js';
import type { Database, Executor } from '../platform/db/index.js';
import { locations, organisations, workArea } from '../modules/organisations/tables.js';
import { applicationChildren, applicationCounters, applicationPeople, applications, intakes, referrerNotices } from '../modules/intake/tables.js';
import { matches, volunteerProfiles } from '../modules/matching/tables.js';
import { documents } from '../modules/documents/tables.js';
import { childMeasures, courtDecisions, deadlines } from '../modules/legal/tables.js';
import { agreements, familyMapMembers, helpQuestions, meetings, selfRelianceScores, trajectories, trajectoryContacts, trajectoryPhaseEvents } from '../modules/trajectories/tables.js';
import { insertBulk } from './bulk.js';
import { planFamilies, type OrgFamilies } from './families.js';
import { planSeed, type Municipality, type OrgPlan, type PlannedPerson, type Scale } from './plan.js';

export { planFamilies, matchKeyOf, firstContactDue, planShiftMs, type OrgFamilies } from './families.js';
export { SCALES, FIGURES, planSeed, maxConcurrentPerVolunteer, type Scale, type OrgPlan, type PlannedTrajectory, type Municipality } from './plan.js';

/** Every seeded user signs in with this password (benchmarks, manual testing). Never in production. */
export const BENCH_PASSWORD = 'naast-bench-wachtwoord';

export interface SeedOptions {
  scale: Scale;
  seed?: number;
  /** audit chain lanes per organisation (NAAST_AUDIT_LANES) */
  auditLanes?: number;
  /** a precomputed argon2 hash of `password`, to skip hashing */
  passwordHash?: string;
  password?: string;
  /**
   * "Today" for the generated families (default: the current time). The plan's ten years are moved so
   * they end here: trajectories still running, the waiting list and the inbox's first-contact deadlines
   * lie around this moment. Same seed and same `now`: same data.
   */
  now?: Date;
  onProgress?: (message: string) => void;
}

export interface SeedUser {
  orgId: string;
  userId: string;
  role: Role;
  email: string;
}

export interface SeedResult {
  orgIds: string[];
  /** one user per role per organisation (the first of each), for benchmarks and tests */
  sampleUsers: SeedUser[];
  sampleUserIds: string[];
  password: string;
  counts: {
    organisations: number;
    users: number;
    byRole: Record<Role, number>;
    trajectoriesPlanned: number;
    /** applications per status */
    applications: Record<string, number>;
    trajectories: number;
    matches: number;
    /** rows of the work inside trajectories (contacts, agreements, …), per table */
    trajectoryWork: Record<WorkTable, number>;
    /** every row written, all tables */
    rows: number;
  };
  /** the moment the families were placed around */
  now: Date;
}

const WORK_TABLES = ['phaseEvents', 'familyMap', 'helpQuestions', 'scores', 'meetings', 'contacts', 'agreements', 'measures', 'decisions', 'deadlines', 'documents'] as const;
type WorkTable = (typeof WORK_TABLES)[number];

export class SeedConflictError extends Error {}

const insertBatched = (tx: Executor, table: PgTable, rows: ReadonlyArray<Record<string, unknown>>) => insertBulk(tx, table, rows);

export async function loadMunicipalities(db: Database): Promise<Municipality[]> {
  return db.query<Municipality>('select code, name, province, lat, lon from municipalities order by code');
}

/**
 * Writes the plan's organisations, locations, work areas and users (staff, volunteers, a parent
 * account per family, a funder per municipality) in multi-row batches, one transaction per
 * organisation, and each organisation's audit chain heads. Deterministic: the same seed writes
 * the same ids and rows. Refuses a database that already holds this seed.
 */
export async function seedDatabase(db: Database, opts: SeedOptions): Promise<SeedResult> {
  const seed = opts.seed ?? 1;
  const password = opts.password ?? BENCH_PASSWORD;
  const municipalities = await loadMunicipalities(db);
  const plan = planSeed({ scale: opts.scale, seed, municipalities });
  const existing = await db.query<{ n: number }>('select count(*)::int as n from organisations where org_id = any($1::uuid[])', [plan.map((p) => p.orgId)]);
  if ((existing[0]?.n ?? 0) > 0) throw new SeedConflictError(`this database already holds the data of seed ${seed} (scale ${opts.scale}); use another --seed or an empty database`);
  const passwordHash = opts.passwordHash ?? (await hashPassword(password));

  const now = opts.now ?? new Date();
  const byRole: Record<Role, number> = { admin: 0, coordinator: 0, volunteer: 0, parent: 0, funder: 0 };
  const sampleUsers: SeedUser[] = [];
  const applicationsByStatus: Record<string, number> = {};
  let trajectoriesPlanned = 0;
  let trajectoriesWritten = 0;
  let matchesWritten = 0;
  const trajectoryWork = Object.fromEntries(WORK_TABLES.map((k) => [k, 0])) as Record<WorkTable, number>;
  let rows = 0;
  for (const org of plan) {
    const groups: Array<[Role, PlannedPerson[]]> = [
      ['admin', org.admins],
      ['coordinator', org.coordinators],
      ['volunteer', org.volunteers],
      ['parent', org.parents],
      ['funder', org.funders],
    ];
    for (const [role, people] of groups) {
      byRole[role] += people.length;
      if (people[0]) sampleUsers.push({ orgId: org.orgId, userId: people[0].id, role, email: people[0].email });
    }
    trajectoriesPlanned += org.trajectories.length;
  }
  // One transaction per organisation; on PostgreSQL two at a time (the server does most of the work,
  // and organisations share no rows), on PGlite one (a single connection).
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < plan.length) {
      const org = plan[next++]!;
      const families = planFamilies(org, { seed, now, municipalities });
      const written = await db.withSystem((tx) => writeOrganisation(tx, org, families, passwordHash, opts.auditLanes));
      rows += written;
      for (const a of families.applications) applicationsByStatus[a.status!] = (applicationsByStatus[a.status!] ?? 0) + 1;
      trajectoriesWritten += families.trajectories.length;
      matchesWritten += families.matches.length;
      for (const k of WORK_TABLES) trajectoryWork[k] += families[k].length;
      done++;
      if (plan.length > 1 && (done % 10 === 0 || done === plan.length)) opts.onProgress?.(`seed: ${done}/${plan.length} organisations written`);
    }
  };
  await Promise.all(Array.from({ length: db.kind === 'postgres' ? 2 : 1 }, worker));
  // Fresh planner statistics for whatever runs next (the benchmark right after a big seed).
  await db.query('analyze');
  const usersTotal = Object.values(byRole).reduce((s, n) => s + n, 0);
  return {
    orgIds: plan.map((p) => p.orgId),
    sampleUsers,
    sampleUserIds: sampleUsers.map((u) => u.userId),
    password,
    counts: { organisations: plan.length, users: usersTotal, byRole, trajectoriesPlanned, applications: applicationsByStatus, trajectories: trajectoriesWritten, matches: matchesWritten, trajectoryWork, rows },
    now,
  };
}

/** Writes one organisation; returns the number of rows written. */
async function writeOrganisation(tx: Executor, org: OrgPlan, families: OrgFamilies, passwordHash: string, lanes?: number): Promise<number> {
  const orgId = org.orgId;
  await tx.insert(organisations).values({ orgId, name: org.name, createdAt: org.createdAt, updatedAt: org.createdAt });
  await tx.insert(locations).values(org.locations.map((l) => ({ orgId, id: l.id, name: l.name, createdAt: org.createdAt })));
  const locationId = new Map(org.locations.map((l) => [l.name, l.id]));
  await insertBatched(tx, workArea, org.workArea.map((w) => ({ orgId, municipalityCode: w.municipalityCode, locationId: locationId.get(w.location)!, funding: w.funding, purchaseAgreement: families.purchaseAgreements.has(w.municipalityCode), createdAt: org.createdAt })));

  const userRows: Array<typeof users.$inferInsert> = [];
  const links: Array<typeof userLocations.$inferInsert> = [];
  const add = (p: PlannedPerson, role: Role, extra: { location?: string; municipalityCode?: string; active?: boolean } = {}) => {
    userRows.push({
      orgId,
      id: p.id,
      email: p.email,
      displayName: p.displayName,
      role,
      passwordHash,
      funderMunicipalityCode: extra.municipalityCode ?? null,
      status: extra.active === false ? 'deactivated' : 'active',
      createdAt: p.createdAt,
      updatedAt: p.createdAt,
    });
    if (extra.location) links.push({ orgId, userId: p.id, locationId: locationId.get(extra.location)! });
  };
  for (const p of org.admins) add(p, 'admin');
  for (const p of org.coordinators) add(p, 'coordinator', { location: p.location });
  for (const p of org.volunteers) add(p, 'volunteer', { location: p.location, active: p.active });
  for (const p of org.parents) add(p, 'parent');
  for (const p of org.funders) add(p, 'funder', { municipalityCode: p.municipalityCode });

  await insertBatched(tx, loginDirectory, userRows.map((u) => ({ emailLower: u.email.toLowerCase(), orgId, userId: u.id })));
  await insertBatched(tx, users, userRows);
  await insertBatched(tx, userLocations, links);
  // Families: parents first, then what refers to them (foreign-key order).
  await insertBatched(tx, applications, families.applications);
  await insertBatched(tx, applicationPeople, families.people);
  await insertBatched(tx, applicationChildren, families.children);
  await insertBatched(tx, intakes, families.intakes);
  await insertBatched(tx, referrerNotices, families.notices);
  await insertBatched(tx, applicationCounters, families.counters);
  await insertBatched(tx, volunteerProfiles, families.profiles);
  await insertBatched(tx, matches, families.matches);
  await insertBatched(tx, trajectories, families.trajectories);
  await insertBatched(tx, trajectoryPhaseEvents, families.phaseEvents);
  await insertBatched(tx, familyMapMembers, families.familyMap);
  await insertBatched(tx, helpQuestions, families.helpQuestions);
  await insertBatched(tx, selfRelianceScores, families.scores);
  await insertBatched(tx, meetings, families.meetings);
  await insertBatched(tx, trajectoryContacts, families.contacts);
  await insertBatched(tx, agreements, families.agreements);
  await insertBatched(tx, childMeasures, families.measures);
  await insertBatched(tx, courtDecisions, families.decisions);
  await insertBatched(tx, deadlines, families.deadlines);
  await insertBatched(tx, documents, families.documents);
  await ensureAuditHeads(tx, orgId, lanes);
  await recordAudit(tx, { orgId, actorRole: 'system', action: 'create', resourceType: 'organisation', resourceId: orgId, reason: 'seed data' });
  const familyRows = Object.values(families).reduce((s: number, v) => s + (Array.isArray(v) ? v.length : 0), 0);
  return 1 + org.locations.length + org.workArea.length + 2 * userRows.length + links.length + familyRows;
}
