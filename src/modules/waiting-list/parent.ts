// Issue 6: the place of one application in its location's waiting list, for the parent's home
// (the same computation as the list itself: compute.ts with the location's capacity and throughput).
import type { Executor } from '../../platform/db/index.js';
import { listMatchableApplications } from '../intake/public.js';
import { locationCapacity, todayInAmsterdam } from '../matching/public.js';
import { endedTrajectoryStats } from '../trajectories/public.js';
import { buildWaitingList, waitingMethod } from './compute.js';

/** The 1-based place and expected wait of a waiting application; null when it is not on the list. */
export async function waitingPlaceOf(tx: Executor, orgId: string, applicationId: string, locationId: string): Promise<{ position: number; expectedWaitDays: number | null } | null> {
  const today = todayInAmsterdam();
  const families = await listMatchableApplications(tx, orgId, { locationIds: [locationId], today });
  if (!families.some((f) => f.id === applicationId)) return null;
  const capacity = await locationCapacity(tx, orgId, locationId);
  const method = waitingMethod(capacity, await endedTrajectoryStats(tx, orgId));
  const entry = buildWaitingList(families, method, new Set(capacity.pendingApplicationIds), today).find((e) => e.applicationId === applicationId);
  return entry ? { position: entry.position, expectedWaitDays: entry.expectedWaitDays } : null;
}
