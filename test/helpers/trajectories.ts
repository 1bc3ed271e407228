import { uuidv7 } from '../../src/platform/db/ids.js';
import type { TestDatabase } from './db.js';
import { insertFamily, type FamilyFixture } from './matching.js';

/**
 * A running trajectory written straight into the tables (a matched family with a lead volunteer),
 * so the trajectory tests do not depend on the matching screens.
 */
export interface TrajectoryFixture extends Omit<FamilyFixture, 'status'> {
  leadVolunteerId: string;
  coachUserId?: string | null;
  phase?: 'intake_done' | 'clarifying' | 'support' | 'building_down' | 'closing' | 'aftercare' | 'ended';
  startedAt?: Date;
  aftercareUntil?: string | null;
}

export async function insertTrajectory(db: TestDatabase, orgId: string, f: TrajectoryFixture): Promise<{ id: string; applicationId: string; reference: string }> {
  const family = await insertFamily(db, orgId, { ...f, status: 'matched' });
  const id = uuidv7();
  await db.query(
    `insert into trajectories (org_id, id, application_id, location_id, lead_volunteer_id, coach_user_id, phase, started_at, aftercare_until)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [orgId, id, family.id, f.locationId, f.leadVolunteerId, f.coachUserId ?? null, f.phase ?? 'intake_done', (f.startedAt ?? new Date()).toISOString(), f.aftercareUntil ?? null],
  );
  return { id, applicationId: family.id, reference: family.reference };
}
