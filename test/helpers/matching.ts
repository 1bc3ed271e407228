import { uuidv7 } from '../../src/platform/db/ids.js';
import type { TestDatabase } from './db.js';

/**
 * Fixtures for the matching and waiting-list tests: an accepted family (application in status
 * waiting) written straight into the tables, so these tests do not depend on the intake screens.
 */
export interface FamilyFixture {
  locationId: string | null;
  municipalityCode?: string;
  measures?: string[];
  institutions?: string[];
  language?: string;
  hearingDate?: string | null;
  acceptedAt?: Date;
  status?: 'waiting' | 'matching' | 'new' | 'matched';
  parentUserId?: string | null;
  /** A professional referrer who may be told (a 'started' notice is then sent). */
  referrerEmail?: string;
}

let seq = 0;

export async function insertFamily(db: TestDatabase, orgId: string, f: FamilyFixture): Promise<{ id: string; reference: string }> {
  const id = uuidv7();
  const reference = `T-2026-${String(++seq).padStart(5, '0')}-${id.slice(-4)}`;
  const accepted = f.acceptedAt ?? new Date(Date.now() - seq * 60_000);
  const referrer = f.referrerEmail !== undefined;
  await db.query(
    `insert into applications (org_id, id, reference, channel, referrer_type, referrer_email, parent_agreed_to_referral, referrer_may_be_told,
                               municipality_code, location_id, queue, conflict_summary, institutions, preferred_language, hearing_date,
                               consent_at, privacy_statement_version, received_at, first_contact_due_at, status, accepted_at, parent_user_id, match_key)
     values ($1, $2, $3, $4, $5, $6, $7, $7, $8, $9, $10, 'Conflict met de jeugdbeschermer', $11::jsonb, $12, $13,
             $14, 'v1', $14, $14, $15, $14, $16, $17)`,
    [
      orgId,
      id,
      reference,
      referrer ? 'referrer' : 'phone',
      referrer ? 'youth_protection' : 'self',
      f.referrerEmail ?? null,
      referrer,
      f.municipalityCode ?? 'GM0794',
      f.locationId,
      f.locationId ? 'location' : 'helpdesk',
      JSON.stringify((f.institutions ?? []).map((name) => ({ kind: 'gi', name }))),
      f.language ?? 'nl',
      f.hearingDate ?? null,
      accepted.toISOString(),
      f.status ?? 'waiting',
      f.parentUserId ?? null,
      `test-${id}`,
    ],
  );
  for (const [i, measure] of (f.measures ?? ['ots']).entries()) {
    await db.query(`insert into application_children (org_id, application_id, id, position, first_name, birth_year, measure) values ($1, $2, $3, $4, 'Kind', 2015, $5)`, [
      orgId,
      id,
      uuidv7(),
      i,
      measure,
    ]);
  }
  return { id, reference };
}

export interface ProfileFixture {
  homeMunicipalityCode?: string | null;
  travelMunicipalities?: string[];
  hoursPerWeek?: number;
  maxFamilies?: number;
  activeFamilies?: number;
  measureExperience?: string[];
  institutionExperience?: string[];
  languages?: string[];
  conflictInstitutions?: string[];
  conflictApplicationIds?: string[];
}

/** A volunteer profile written straight into the table (e.g. a caseload that is already full). */
export async function insertProfile(db: TestDatabase, orgId: string, userId: string, p: ProfileFixture = {}): Promise<void> {
  await db.query(
    `insert into volunteer_profiles (org_id, user_id, home_municipality_code, travel_municipalities, hours_per_week, max_families, active_families,
                                     measure_experience, institution_experience, languages, conflict_institutions, conflict_application_ids)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::uuid[])`,
    [
      orgId,
      userId,
      p.homeMunicipalityCode === undefined ? 'GM0794' : p.homeMunicipalityCode,
      p.travelMunicipalities ?? [],
      p.hoursPerWeek ?? 8,
      p.maxFamilies ?? 3,
      p.activeFamilies ?? 0,
      p.measureExperience ?? [],
      p.institutionExperience ?? [],
      p.languages ?? ['nl'],
      p.conflictInstitutions ?? [],
      p.conflictApplicationIds ?? [],
    ],
  );
}
