import { and, asc, eq } from 'drizzle-orm';
import { recordActorAudit as audit } from '../../platform/audit/actor.js';
import { uuidv7 } from '../../platform/db/ids.js';
import type { ActorContext } from '../../platform/http/context.js';
import { AppError } from '../../platform/http/errors.js';
import { authorize } from '../../platform/policy/index.js';
import type { TAftercareList, TAftercareRequest, TAftercareRequestBody } from '../../shared/satisfaction.js';
import { parentContactOf } from '../intake/public.js';
import { takeCaseload } from '../matching/public.js';
import { startTrajectory, trajectoryFor } from '../trajectories/public.js';
import { aftercareRequests } from './tables.js';
import './messages.js';

type Row = typeof aftercareRequests.$inferSelect;
const toDto = (r: Row): TAftercareRequest => ({
  id: r.id,
  kind: r.kind as TAftercareRequest['kind'],
  note: r.note,
  newTrajectoryId: r.newTrajectoryId,
  createdAt: r.createdAt.toISOString(),
});

/** GET /trajectories/:id/aftercare-requests — oldest first (a short history). Audited as a read. */
export async function listAftercare(ctx: ActorContext, trajectoryId: string, reason?: string): Promise<TAftercareList> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const { row, auditReason } = await trajectoryFor(ctx, tx, trajectoryId, 'trajectories.read', { reason });
    const rows = await tx
      .select()
      .from(aftercareRequests)
      .where(and(eq(aftercareRequests.orgId, row.orgId), eq(aftercareRequests.trajectoryId, row.id)))
      .orderBy(asc(aftercareRequests.createdAt), asc(aftercareRequests.id));
    const parent = await parentContactOf(tx, row.orgId, row.applicationId);
    await audit(tx, ctx, { action: 'list', resourceType: 'aftercare_request', resourceId: row.id, subjectId: parent?.parentUserId ?? null, reason: auditReason });
    return { items: rows.map(toDto) };
  });
}

/**
 * POST /trajectories/:id/aftercare-requests — only in the aftercare phase (409 aftercare_only).
 * A relapse re-opens support as a new trajectory for the same family, linked to this one, with the
 * same volunteer and coach; it takes a place in the volunteer's caseload, so it is a professional's
 * decision (trajectories.close). Volunteer full → 409 relapse_volunteer_full and nothing is stored.
 */
export async function createAftercare(ctx: ActorContext, trajectoryId: string, body: TAftercareRequestBody, reason?: string): Promise<TAftercareRequest> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const { row, auditReason } = await trajectoryFor(ctx, tx, trajectoryId, 'trajectories.write', { reason, lock: true });
    if (body.kind === 'relapse') {
      authorize(
        ctx.actor,
        'trajectories.close',
        { orgId: row.orgId, locationIds: row.locationId ? [row.locationId] : [], assignedUserIds: [row.leadVolunteerId, ...(row.coachUserId ? [row.coachUserId] : [])] },
        reason,
      );
    }
    if (row.phase !== 'aftercare') throw new AppError('aftercare_only', 409);
    const parent = await parentContactOf(tx, row.orgId, row.applicationId);
    let newTrajectoryId: string | null = null;
    if (body.kind === 'relapse') {
      // The place first: a full volunteer refuses before anything is written (and the throw rolls back).
      if (!(await takeCaseload(tx, row.orgId, row.leadVolunteerId))) throw new AppError('relapse_volunteer_full', 409);
      newTrajectoryId = await startTrajectory(tx, {
        orgId: row.orgId,
        applicationId: row.applicationId,
        locationId: row.locationId,
        leadVolunteerId: row.leadVolunteerId,
        coachUserId: row.coachUserId,
        previousTrajectoryId: row.id,
      });
      await audit(tx, ctx, { action: 'create', resourceType: 'trajectory', resourceId: newTrajectoryId, subjectId: parent?.parentUserId ?? null, reason: auditReason ?? 'relapse in aftercare' });
    }
    const [created] = await tx
      .insert(aftercareRequests)
      .values({ orgId: row.orgId, id: uuidv7(), trajectoryId: row.id, kind: body.kind, note: body.note || null, newTrajectoryId, createdBy: ctx.actor.userId })
      .returning();
    await audit(tx, ctx, { action: 'create', resourceType: 'aftercare_request', resourceId: created!.id, subjectId: parent?.parentUserId ?? null, reason: auditReason });
    return toDto(created!);
  });
}
