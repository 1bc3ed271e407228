import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import type { ActorContext } from '../../platform/http/context.js';
import type { Permission } from '../../platform/policy/index.js';
import { authorize } from '../../platform/policy/index.js';
import { trajectories } from './tables.js';

export type TrajectoryRow = typeof trajectories.$inferSelect;

/**
 * Every trajectory route starts here: load the row (RLS keeps it in the tenant), then ask the one
 * policy. A volunteer reaches only families they lead, a coordinator their locations (elsewhere
 * break-the-glass with a reason), an admin everything. Returns the reason to store in the audit event.
 * `lock` takes FOR UPDATE, for changes that must see the current phase or totals.
 */
export async function trajectoryFor(
  ctx: ActorContext,
  tx: Executor,
  id: string,
  permission: Extract<Permission, `trajectories.${string}`>,
  opts: { reason?: string | null; lock?: boolean } = {},
): Promise<{ row: TrajectoryRow; auditReason: string | null }> {
  const q = tx.select().from(trajectories).where(and(eq(trajectories.orgId, ctx.actor.orgId), eq(trajectories.id, id)));
  const [row] = opts.lock ? await q.for('update') : await q;
  if (!row) throw notFound();
  const auditReason = authorizeTrajectory(ctx, row, permission, opts.reason);
  return { row, auditReason };
}

/**
 * The policy's decision on a trajectory row loaded some other way (the dossier loads row and contents
 * in one statement, then asks here before it shows anything). Throws as trajectoryFor does.
 */
export function authorizeTrajectory(
  ctx: ActorContext,
  row: Pick<TrajectoryRow, 'orgId' | 'locationId' | 'leadVolunteerId' | 'coachUserId'>,
  permission: Extract<Permission, `trajectories.${string}`>,
  reason?: string | null,
): string | null {
  return authorize(
    ctx.actor,
    permission,
    {
      orgId: row.orgId,
      locationIds: row.locationId ? [row.locationId] : [],
      assignedUserIds: [row.leadVolunteerId, ...(row.coachUserId ? [row.coachUserId] : [])],
    },
    reason,
  );
}

/** An ended trajectory is read-only (its history stays); changes get 409 trajectory_ended. */
export function assertOpen(row: TrajectoryRow): void {
  if (row.phase === 'ended') throw new AppError('trajectory_ended', 409);
}
