import { sql, type SQL } from 'drizzle-orm';
import { execRows, type Database, type Executor } from '../../platform/db/index.js';
import { DEFAULT_MAX_FAMILIES } from '../../shared/matching.js';
import { applicationRefsOf } from '../intake/public.js';
import { getServiceNorms, municipalityCentres, unknownMunicipalityCodes, type MunicipalityCentre } from '../organisations/public.js';

/**
 * The matching module's statements. Every function takes the caller's transaction (`tx`) and the
 * organisation; row-level security confines them further.
 */

export interface ProfileRow {
  userId: string;
  displayName: string;
  email: string;
  language: string;
  role: string;
  status: string;
  locationIds: string[];
  /** false: no volunteer_profiles row yet (the other fields are the defaults). */
  saved: boolean;
  homeMunicipalityCode: string | null;
  travelMunicipalities: string[];
  hoursPerWeek: number;
  maxFamilies: number;
  activeFamilies: number;
  measureExperience: string[];
  institutionExperience: string[];
  languages: string[];
  conflictInstitutions: string[];
  conflictApplicationIds: string[];
  updatedAt: Date | null;
}

interface RawProfile {
  user_id: string;
  display_name: string;
  email: string;
  language: string;
  role: string;
  status: string;
  location_ids: string[] | null;
  saved: boolean;
  home_municipality_code: string | null;
  travel_municipalities: string[] | null;
  hours_per_week: number | null;
  max_families: number | null;
  active_families: number | null;
  measure_experience: string[] | null;
  institution_experience: string[] | null;
  languages: string[] | null;
  conflict_institutions: string[] | null;
  conflict_application_ids: string[] | null;
  updated_at: Date | string | null;
}

const toDate = (v: Date | string | null): Date | null => (v == null ? null : v instanceof Date ? v : new Date(v));

function toProfile(r: RawProfile): ProfileRow {
  return {
    userId: r.user_id,
    displayName: r.display_name,
    email: r.email,
    language: r.language,
    role: r.role,
    status: r.status,
    locationIds: r.location_ids ?? [],
    saved: r.saved,
    homeMunicipalityCode: r.home_municipality_code,
    travelMunicipalities: r.travel_municipalities ?? [],
    hoursPerWeek: r.hours_per_week ?? 8,
    maxFamilies: r.max_families ?? DEFAULT_MAX_FAMILIES,
    activeFamilies: r.active_families ?? 0,
    measureExperience: r.measure_experience ?? [],
    institutionExperience: r.institution_experience ?? [],
    languages: r.languages ?? ['nl'],
    conflictInstitutions: r.conflict_institutions ?? [],
    conflictApplicationIds: r.conflict_application_ids ?? [],
    updatedAt: toDate(r.updated_at),
  };
}

// Every profile read: the user, their locations and the profile (or nothing: defaults) in one statement.
const PROFILE_COLUMNS = sql`
  u.id::text as user_id, u.display_name, u.email, u.language, u.role, u.status,
  coalesce((select array_agg(ul.location_id::text order by ul.location_id) from user_locations ul
             where ul.org_id = u.org_id and ul.user_id = u.id), '{}') as location_ids,
  (p.user_id is not null) as saved,
  p.home_municipality_code, p.travel_municipalities, p.hours_per_week, p.max_families, p.active_families,
  p.measure_experience, p.institution_experience, p.languages, p.conflict_institutions,
  p.conflict_application_ids::text[] as conflict_application_ids, p.updated_at`;

/** A user with their volunteer profile (or defaults); undefined when the user does not exist. `lock`: FOR UPDATE of the profile row. */
export async function selectProfile(tx: Executor, orgId: string, userId: string, opts: { lock?: boolean } = {}): Promise<ProfileRow | undefined> {
  const [row] = await execRows<RawProfile>(
    tx,
    sql`select ${PROFILE_COLUMNS}
          from users u left join volunteer_profiles p on p.org_id = u.org_id and p.user_id = u.id
         where u.org_id = ${orgId} and u.id = ${userId}
         ${opts.lock ? sql`for update of u` : sql``}`,
  );
  return row ? toProfile(row) : undefined;
}

export interface ProfileValues {
  homeMunicipalityCode: string | null;
  travelMunicipalities: string[];
  hoursPerWeek: number;
  maxFamilies?: number;
  measureExperience?: string[];
  institutionExperience?: string[];
  languages: string[];
  conflictInstitutions?: string[];
  conflictApplicationIds?: string[];
}

/**
 * Creates the profile on first save, otherwise updates the given fields. Fields left undefined
 * keep their value (or the column default on create). Returns whether a row was created.
 */
export async function upsertProfile(tx: Executor, orgId: string, userId: string, v: ProfileValues): Promise<boolean> {
  const arr = (xs: string[] | undefined, type: 'text' | 'uuid'): SQL | undefined => (xs === undefined ? undefined : sql`${sql.param(xs)}::${sql.raw(type)}[]`);
  const val = (x: string | number | null | undefined): SQL | undefined => (x === undefined ? undefined : sql`${x}`);
  const cols: Array<[string, SQL | undefined]> = [
    ['home_municipality_code', val(v.homeMunicipalityCode)],
    ['travel_municipalities', arr(v.travelMunicipalities, 'text')],
    ['hours_per_week', val(v.hoursPerWeek)],
    ['max_families', val(v.maxFamilies)],
    ['measure_experience', arr(v.measureExperience, 'text')],
    ['institution_experience', arr(v.institutionExperience, 'text')],
    ['languages', arr(v.languages, 'text')],
    ['conflict_institutions', arr(v.conflictInstitutions, 'text')],
    ['conflict_application_ids', arr(v.conflictApplicationIds, 'uuid')],
  ];
  const given = cols.filter((c): c is [string, SQL] => c[1] !== undefined);
  const names = sql.raw(given.map(([c]) => c).join(', '));
  const values = sql.join(given.map(([, value]) => value), sql`, `);
  const updates = sql.raw(given.map(([c]) => `${c} = excluded.${c}`).join(', '));
  const [row] = await execRows<{ inserted: boolean }>(
    tx,
    sql`insert into volunteer_profiles (org_id, user_id, ${names}) values (${orgId}, ${userId}, ${values})
        on conflict (org_id, user_id) do update set ${updates}, updated_at = now()
        returning (xmax = 0) as inserted`,
  );
  return !!row?.inserted;
}

/** Codes of the list that are not Dutch municipalities in the reference table. */
export function unknownMunicipalities(tx: Executor, codes: readonly string[]): Promise<string[]> {
  return unknownMunicipalityCodes(tx, codes);
}

export type Municipality = MunicipalityCentre;

// Reference data (no org_id) that only a migration changes: read once per database handle.
const municipalityCache = new WeakMap<Database, Promise<Municipality[]>>();

/** Every municipality with its centre (for distances and names); cached per database. */
export function allMunicipalities(db: Database, tx: Executor): Promise<Municipality[]> {
  let p = municipalityCache.get(db);
  if (!p) {
    p = municipalityCentres(tx);
    municipalityCache.set(db, p);
    p.catch(() => municipalityCache.delete(db));
  }
  return p;
}

/** The organisation's caseload limit (setting maxFamiliesPerVolunteer, default 3). */
export async function organisationMaxFamilies(tx: Executor, orgId: string): Promise<number> {
  return (await getServiceNorms(tx, orgId))?.maxFamiliesPerVolunteer ?? DEFAULT_MAX_FAMILIES;
}

export interface VolunteerListRow {
  userId: string;
  displayName: string;
  locationIds: string[];
  hoursPerWeek: number;
  activeFamilies: number;
  maxFamilies: number;
  languages: string[];
  hasProfile: boolean;
}

/** Active volunteers (optionally of one location), by name then id, from after the cursor key. */
export async function listVolunteerRows(
  tx: Executor,
  orgId: string,
  q: { locationId?: string; after?: { name: string; id: string }; limit: number },
): Promise<VolunteerListRow[]> {
  const rows = await execRows<{
    user_id: string;
    display_name: string;
    location_ids: string[] | null;
    hours_per_week: number | null;
    active_families: number | null;
    max_families: number | null;
    languages: string[] | null;
    has_profile: boolean;
  }>(
    tx,
    sql`select u.id::text as user_id, u.display_name,
               coalesce((select array_agg(ul.location_id::text order by ul.location_id) from user_locations ul
                          where ul.org_id = u.org_id and ul.user_id = u.id), '{}') as location_ids,
               p.hours_per_week, p.active_families, p.max_families, p.languages, (p.user_id is not null) as has_profile
          from users u left join volunteer_profiles p on p.org_id = u.org_id and p.user_id = u.id
         where u.org_id = ${orgId} and u.role = 'volunteer' and u.status = 'active'
           ${q.locationId ? sql`and exists (select 1 from user_locations ul where ul.org_id = u.org_id and ul.user_id = u.id and ul.location_id = ${q.locationId})` : sql``}
           ${q.after ? sql`and (u.display_name, u.id) > (${q.after.name}, ${q.after.id}::uuid)` : sql``}
         order by u.display_name, u.id
         limit ${q.limit}`,
  );
  return rows.map((r) => ({
    userId: r.user_id,
    displayName: r.display_name,
    locationIds: r.location_ids ?? [],
    hoursPerWeek: r.hours_per_week ?? 8,
    activeFamilies: r.active_families ?? 0,
    maxFamilies: r.max_families ?? DEFAULT_MAX_FAMILIES,
    languages: r.languages ?? ['nl'],
    hasProfile: r.has_profile,
  }));
}

/**
 * Every active volunteer of the organisation WITH a saved profile, in one statement: what the
 * scoring needs. `withCapacity`: only those with a free place (the whole-list proposal).
 */
export async function matchableVolunteers(tx: Executor, orgId: string, opts: { withCapacity?: boolean } = {}): Promise<ProfileRow[]> {
  const rows = await execRows<RawProfile>(
    tx,
    sql`select ${PROFILE_COLUMNS}
          from volunteer_profiles p join users u on u.org_id = p.org_id and u.id = p.user_id
         where p.org_id = ${orgId} and u.role = 'volunteer' and u.status = 'active'
           ${opts.withCapacity ? sql`and p.active_families < p.max_families` : sql``}
         order by u.id`,
  );
  return rows.map(toProfile);
}

/**
 * Takes one place of the volunteer's caseload, in the database: the row is updated only while a
 * place is free, so two coordinators confirming at the same moment cannot both take the last one
 * (the second waits for the first's row lock, then sees no free place). false: full (or no profile).
 */
export async function takeSlot(tx: Executor, orgId: string, userId: string): Promise<boolean> {
  const rows = await execRows<{ active_families: number }>(
    tx,
    sql`update volunteer_profiles set active_families = active_families + 1, updated_at = now()
         where org_id = ${orgId} and user_id = ${userId} and active_families < max_families
        returning active_families`,
  );
  return rows.length === 1;
}

/** Gives a place back (declined or withdrawn match). */
export async function releaseSlot(tx: Executor, orgId: string, userId: string): Promise<void> {
  await tx.execute(sql`update volunteer_profiles set active_families = active_families - 1, updated_at = now()
                        where org_id = ${orgId} and user_id = ${userId} and active_families > 0`);
}

export interface MatchRow {
  id: string;
  applicationId: string;
  volunteerUserId: string;
  volunteerName: string;
  status: 'pending' | 'accepted' | 'declined' | 'withdrawn';
  /** The family's reference and municipality (never personal data; the matches → applications key). */
  reference: string;
  municipalityCode: string;
  score: number;
  reasons: unknown[];
  /** The coordinator who confirmed it (the trajectory's first coach). */
  confirmedBy: string;
  confirmedAt: Date;
  respondedAt: Date | null;
}

const MATCH_COLUMNS = sql`m.id::text, m.application_id::text, m.volunteer_user_id::text, u.display_name as volunteer_name, m.status, m.score,
  m.reasons, m.confirmed_by::text, m.confirmed_at, m.responded_at`;
const MATCH_FROM = sql`matches m join users u on u.org_id = m.org_id and u.id = m.volunteer_user_id`;

interface RawMatch {
  id: string;
  application_id: string;
  volunteer_user_id: string;
  volunteer_name: string;
  status: MatchRow['status'];
  score: number;
  reasons: unknown[];
  confirmed_by: string;
  confirmed_at: Date | string;
  responded_at: Date | string | null;
}

const toMatch = (r: RawMatch, family: { reference: string; municipalityCode: string }): MatchRow => ({
  id: r.id,
  applicationId: r.application_id,
  volunteerUserId: r.volunteer_user_id,
  volunteerName: r.volunteer_name,
  status: r.status,
  reference: family.reference,
  municipalityCode: family.municipalityCode,
  score: Number(r.score),
  reasons: Array.isArray(r.reasons) ? r.reasons : [],
  confirmedBy: r.confirmed_by,
  confirmedAt: toDate(r.confirmed_at)!,
  respondedAt: toDate(r.responded_at),
});

/**
 * The families' reference and municipality from the intake module, one lookup for the whole list.
 * A match always has its application (foreign key), so none is dropped.
 */
async function withFamilies(tx: Executor, orgId: string, rows: RawMatch[]): Promise<MatchRow[]> {
  const refs = await applicationRefsOf(
    tx,
    orgId,
    rows.map((r) => r.application_id),
  );
  return rows.flatMap((r) => {
    const family = refs.get(r.application_id);
    return family ? [toMatch(r, family)] : [];
  });
}

export async function insertMatch(
  tx: Executor,
  m: { orgId: string; id: string; applicationId: string; volunteerUserId: string; score: number; reasons: unknown[]; confirmedBy: string; confirmedAt: Date },
): Promise<void> {
  await tx.execute(sql`
    insert into matches (org_id, id, application_id, volunteer_user_id, status, score, reasons, confirmed_by, confirmed_at)
    values (${m.orgId}, ${m.id}, ${m.applicationId}, ${m.volunteerUserId}, 'pending', ${m.score}, ${JSON.stringify(m.reasons)}::jsonb, ${m.confirmedBy}, ${m.confirmedAt.toISOString()})`);
}

/** One match; `lock`: FOR UPDATE (an answer or a withdrawal changes it). */
export async function selectMatch(tx: Executor, orgId: string, id: string, opts: { lock?: boolean } = {}): Promise<MatchRow | undefined> {
  const [row] = await execRows<RawMatch>(
    tx,
    sql`select ${MATCH_COLUMNS} from ${MATCH_FROM}
         where m.org_id = ${orgId} and m.id = ${id} ${opts.lock ? sql`for update of m` : sql``}`,
  );
  return row ? (await withFamilies(tx, orgId, [row]))[0] : undefined;
}

/** The open (pending or accepted) match of a family, if any. */
export async function openMatchOf(tx: Executor, orgId: string, applicationId: string): Promise<string | null> {
  const [row] = await execRows<{ id: string }>(
    tx,
    sql`select id::text from matches where org_id = ${orgId} and application_id = ${applicationId} and status in ('pending', 'accepted')`,
  );
  return row?.id ?? null;
}

/** Families with a match waiting for the volunteer's answer (few at any time: one query for a whole list). */
export async function pendingMatchApplicationIds(tx: Executor, orgId: string): Promise<Set<string>> {
  const rows = await execRows<{ id: string }>(tx, sql`select application_id::text as id from matches where org_id = ${orgId} and status = 'pending'`);
  return new Set(rows.map((r) => r.id));
}

export async function setMatchStatus(tx: Executor, orgId: string, id: string, status: MatchRow['status'], declineReason?: string): Promise<void> {
  await tx.execute(sql`update matches set status = ${status}, responded_at = now(), decline_reason = ${declineReason ?? null}
                        where org_id = ${orgId} and id = ${id}`);
}

/** A volunteer's matches: every pending one and those answered in the last 90 days, newest first. */
export async function matchesOfVolunteer(tx: Executor, orgId: string, userId: string): Promise<MatchRow[]> {
  const rows = await execRows<RawMatch>(
    tx,
    sql`select ${MATCH_COLUMNS} from ${MATCH_FROM}
         where m.org_id = ${orgId} and m.volunteer_user_id = ${userId}
           and (m.status = 'pending' or m.confirmed_at > now() - interval '90 days')
         order by m.confirmed_at desc, m.id desc
         limit 50`,
  );
  return withFamilies(tx, orgId, rows);
}

/**
 * Capacity of a location for the waiting list, in one statement: free places now (per active
 * volunteer there: max − active), all places, and the families that have a pending match.
 */
export async function locationCapacity(tx: Executor, orgId: string, locationId: string): Promise<{ freeSlots: number; totalSlots: number; pendingApplicationIds: string[] }> {
  const [row] = await execRows<{ free_slots: number | null; total_slots: number | null; pending: string[] | null }>(
    tx,
    sql`with cap as (
          select coalesce(sum(greatest(p.max_families - p.active_families, 0)), 0)::int as free_slots,
                 coalesce(sum(p.max_families), 0)::int as total_slots
            from volunteer_profiles p
            join users u on u.org_id = p.org_id and u.id = p.user_id and u.status = 'active' and u.role = 'volunteer'
            join user_locations ul on ul.org_id = p.org_id and ul.user_id = p.user_id and ul.location_id = ${locationId}
           where p.org_id = ${orgId})
        select cap.free_slots, cap.total_slots,
               (select array_agg(m.application_id::text) from matches m where m.org_id = ${orgId} and m.status = 'pending') as pending
          from cap`,
  );
  return { freeSlots: row?.free_slots ?? 0, totalSlots: row?.total_slots ?? 0, pendingApplicationIds: row?.pending ?? [] };
}

export interface MatchHistoryRow {
  id: string;
  volunteerUserId: string;
  volunteerName: string;
  status: MatchRow['status'];
  score: number;
  confirmedAt: Date;
  respondedAt: Date | null;
  declineReason: string | null;
  confirmedByName: string | null;
}

/** Every match of one family, newest first (a family has few: no paging). */
export async function matchHistoryOf(tx: Executor, orgId: string, applicationId: string): Promise<MatchHistoryRow[]> {
  const rows = await execRows<{
    id: string;
    volunteer_user_id: string;
    volunteer_name: string;
    status: MatchRow['status'];
    score: number;
    confirmed_at: Date | string;
    responded_at: Date | string | null;
    decline_reason: string | null;
    confirmed_by_name: string | null;
  }>(
    tx,
    sql`select m.id::text, m.volunteer_user_id::text, u.display_name as volunteer_name, m.status, m.score,
               m.confirmed_at, m.responded_at, m.decline_reason, c.display_name as confirmed_by_name
          from matches m
          join users u on u.org_id = m.org_id and u.id = m.volunteer_user_id
          left join users c on c.org_id = m.org_id and c.id = m.confirmed_by
         where m.org_id = ${orgId} and m.application_id = ${applicationId}
         order by m.confirmed_at desc, m.id desc
         limit 100`,
  );
  return rows.map((r) => ({
    id: r.id,
    volunteerUserId: r.volunteer_user_id,
    volunteerName: r.volunteer_name,
    status: r.status,
    score: Number(r.score),
    confirmedAt: toDate(r.confirmed_at)!,
    respondedAt: toDate(r.responded_at),
    declineReason: r.decline_reason,
    confirmedByName: r.confirmed_by_name,
  }));
}

/**
 * Who hears that a volunteer said no: the active coordinators of the family's location; when it has
 * none (or the family has no location) the organisation's active admins, so the notice never goes to
 * nobody. Addresses only (users and user_locations are platform tables).
 */
export async function declineNoticeRecipients(tx: Executor, orgId: string, locationId: string | null): Promise<string[]> {
  if (locationId) {
    const rows = await execRows<{ email: string }>(
      tx,
      sql`select u.email from users u
            join user_locations ul on ul.org_id = u.org_id and ul.user_id = u.id and ul.location_id = ${locationId}
           where u.org_id = ${orgId} and u.status = 'active' and u.role = 'coordinator'
           order by u.id`,
    );
    if (rows.length) return rows.map((r) => r.email);
  }
  const rows = await execRows<{ email: string }>(
    tx,
    sql`select email from users where org_id = ${orgId} and status = 'active' and role = 'admin' order by id`,
  );
  return rows.map((r) => r.email);
}
