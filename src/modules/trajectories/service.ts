import { sql } from 'drizzle-orm';
import { execRows, type Executor } from '../../platform/db/index.js';
import { uuidv7 } from '../../platform/db/ids.js';
import { AppError } from '../../platform/http/errors.js';
import './messages.js';

/**
 * Issue 4 only starts a trajectory (trajectondersteuning) when a volunteer accepts a match, and
 * reads how long ended ones took (the waiting list's expected waiting time). Issue 5 builds the rest.
 */

export interface NewTrajectory {
  orgId: string;
  applicationId: string;
  locationId: string | null;
  leadVolunteerId: string;
  /** The coaching professional: the coordinator who confirmed the match, until someone changes it. */
  coachUserId?: string | null;
  startedAt?: Date;
}

const pgCode = (err: unknown): string | undefined => {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  const code = typeof e?.code === 'string' ? e.code : e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
};

/**
 * Starts the trajectory of a family in the caller's transaction: phase intake_done, the volunteer
 * as lead. A family has at most one trajectory (unique index): a second start is a 409 conflict.
 */
export async function startTrajectory(tx: Executor, t: NewTrajectory): Promise<string> {
  const id = uuidv7();
  try {
    await tx.execute(sql`
      insert into trajectories (org_id, id, application_id, location_id, lead_volunteer_id, coach_user_id, phase, started_at)
      values (${t.orgId}, ${id}, ${t.applicationId}, ${t.locationId}, ${t.leadVolunteerId}, ${t.coachUserId ?? null}, 'intake_done', ${(t.startedAt ?? new Date()).toISOString()})`);
  } catch (err) {
    if (pgCode(err) === '23505') throw new AppError('trajectory_exists', 409);
    throw err;
  }
  return id;
}

/** The trajectory of a family, if one started. */
export async function trajectoryIdOf(tx: Executor, orgId: string, applicationId: string): Promise<string | null> {
  const [row] = await execRows<{ id: string }>(tx, sql`select id::text from trajectories where org_id = ${orgId} and application_id = ${applicationId}`);
  return row?.id ?? null;
}

/** How many trajectories of the organisation ended, and their average length in days (null when none). */
export async function endedTrajectoryStats(tx: Executor, orgId: string): Promise<{ ended: number; avgDays: number | null }> {
  const [row] = await execRows<{ ended: number; avg_days: number | string | null }>(
    tx,
    sql`select count(*)::int as ended, avg(extract(epoch from (ended_at - started_at)) / 86400.0)::float8 as avg_days
          from trajectories where org_id = ${orgId} and ended_at is not null and ended_at >= started_at`,
  );
  return { ended: row?.ended ?? 0, avgDays: row?.avg_days == null ? null : Number(row.avg_days) };
}
