// The trajectories of a parent's own families, for modules that serve the parent (the consent register).
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { applicationsOfParent } from '../intake/public.js';
import { trajectories } from './tables.js';

export interface ParentTrajectory {
  id: string;
  phase: string;
  startedAt: Date;
}

/**
 * The trajectories (any phase) of the families whose parent account is userId, the current one first:
 * not ended before ended, then the newest start first. Empty when the parent has no trajectory.
 */
export async function trajectoriesOfParent(tx: Executor, orgId: string, userId: string): Promise<ParentTrajectory[]> {
  const applicationIds = (await applicationsOfParent(tx, orgId, userId)).map((a) => a.id);
  if (!applicationIds.length) return [];
  const rows = await tx
    .select({ id: trajectories.id, phase: trajectories.phase, startedAt: trajectories.startedAt })
    .from(trajectories)
    .where(and(eq(trajectories.orgId, orgId), sql`${trajectories.applicationId} = any(${sql.param(applicationIds)}::uuid[])`))
    .orderBy(sql`(${trajectories.phase} = 'ended')`, desc(trajectories.startedAt), desc(trajectories.id));
  return rows.map((r) => ({ id: r.id, phase: r.phase, startedAt: new Date(r.startedAt) }));
}
