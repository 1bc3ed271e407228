// What other modules may use of the trajectories module (issue 4: start one; issue 5 builds the rest).
import { sql } from 'drizzle-orm';
import { execRows, type Executor } from '../../platform/db/index.js';
export { startTrajectory, trajectoryIdOf, endedTrajectoryStats, type NewTrajectory } from './service.js';
// The one access rule of a trajectory (load, then the policy), for modules whose routes hang under a trajectory.
export { assertOpen, authorizeTrajectory, trajectoryFor, type TrajectoryRow } from './access.js';
export { listFamilyMap, openTrajectory, type OpenedTrajectory } from './plan.js';
// Batch reads for the reports module (meetings by id, held meetings, meeting columns, the parent of trajectories).
export { heldMeetingsOf, meetingColumns, meetingHeadersOf, parentUserIdsOf, type MeetingHeader } from './lookups.js';
export { planDocumentForSharing } from './plan-export.js';
// Closing figures and one trajectory's place, for the satisfaction module (results, questionnaire).
export { closedOutcomesByLocation, trajectoryPlaceOf, type OutcomeFigures, type OutcomeLocationRow } from './outcomes.js';
// A parent's own trajectories, current first (the consent register).
export { trajectoriesOfParent, type ParentTrajectory } from './parent-lookups.js';

// ---- For the legal module (issue 5: deadlines, reminders, calendar feed). Ids, references and times only.

/** The trajectories (not ended) a user leads or coaches, with the family reference. */
export async function trajectoriesLedOrCoachedBy(tx: Executor, orgId: string, userId: string): Promise<Array<{ id: string; reference: string }>> {
  return execRows<{ id: string; reference: string }>(
    tx,
    sql`select t.id::text as id, a.reference from trajectories t join applications a on a.org_id = t.org_id and a.id = t.application_id
              where t.org_id = ${orgId} and t.phase <> 'ended' and (t.lead_volunteer_id = ${userId} or t.coach_user_id = ${userId})
              order by a.reference`,
  );
}

/** The family reference and the two people a deadline reminder goes to (lead volunteer and coach). */
export async function trajectoryReminderInfo(
  tx: Executor,
  orgId: string,
  trajectoryId: string,
): Promise<{ reference: string; leadVolunteerId: string; coachUserId: string | null; ended: boolean } | null> {
  const [row] = await execRows<{ reference: string; lead_volunteer_id: string; coach_user_id: string | null; phase: string }>(
    tx,
    sql`select a.reference, t.lead_volunteer_id::text, t.coach_user_id::text, t.phase from trajectories t
              join applications a on a.org_id = t.org_id and a.id = t.application_id where t.org_id = ${orgId} and t.id = ${trajectoryId}`,
  );
  return row ? { reference: row.reference, leadVolunteerId: row.lead_volunteer_id, coachUserId: row.coach_user_id, ended: row.phase === 'ended' } : null;
}

/** Planned meetings from `from` on of these trajectories: id and time only (no titles: they may hold names). */
export async function plannedMeetingTimes(tx: Executor, orgId: string, trajectoryIds: readonly string[], from: Date): Promise<Array<{ id: string; trajectoryId: string; scheduledAt: Date }>> {
  if (!trajectoryIds.length) return [];
  const rows = await execRows<{ id: string; trajectory_id: string; scheduled_at: Date | string }>(
    tx,
    sql`select id::text, trajectory_id::text, scheduled_at from meetings
              where org_id = ${orgId} and trajectory_id = any(${sql.param([...trajectoryIds])}::uuid[]) and status = 'planned' and scheduled_at >= ${from.toISOString()}::timestamptz
              order by scheduled_at, id`,
  );
  return rows.map((r) => ({ id: r.id, trajectoryId: r.trajectory_id, scheduledAt: new Date(r.scheduled_at) }));
}
export { familyOfTrajectory, parentFamilies, parentOwnsTrajectory, type ParentFamilyRow, type TrajectoryColumn } from './portal.js';
export { trajectoriesPersonalData, trajectoriesOfApplication } from './personal-data.js';
export { correctableText, applyCorrection, correctableItems, type TrajectoryCorrectable } from './corrections.js';
